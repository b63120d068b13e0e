"""What the notebooks call: one module or subpackage per chapter."""
