"""Executing the chapters: papermill, the runner, the variants, ``reproduce`` and the CLI."""
