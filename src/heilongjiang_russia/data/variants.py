"""The variants declared in ``chapters/variants.yml``: each a run of a chapter for another window.

:mod:`heilongjiang_russia.pipeline.variants` generates them; the sub-period chapter reads them
to show the same windows side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from heilongjiang_russia import paths
from heilongjiang_russia.errors import DataValidationError

SPEC = paths.CHAPTERS / "variants.yml"
FOLDER = paths.CHAPTERS / "variants"


@dataclass(frozen=True)
class Variant:
    file: Path
    chapter: Path
    period: str
    parameters: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.file.stem

    @property
    def years(self) -> tuple[int, int]:
        return int(self.parameters["start_year"]), int(self.parameters["end_year"])

    @property
    def title(self) -> str:
        start, end = self.years
        return f"{start}–{end}: {self.period}"


def load(spec: Path = SPEC) -> list[Variant]:
    """The variants declared in ``spec`` (none when the file does not exist); a malformed spec names its place."""
    if not spec.exists():
        return []
    shown = paths.display(spec)
    data = yaml.safe_load(spec.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or "chapter" not in data or not isinstance(data.get("variants"), list):
        raise DataValidationError(shown, "expected keys 'chapter' (a notebook) and 'variants' (a list)")
    chapter = paths.resolve(data["chapter"])
    if not chapter.is_file():
        raise DataValidationError(shown, f"chapter: no notebook {paths.display(chapter)}")
    found = []
    for i, entry in enumerate(data["variants"], start=1):
        missing = {"file", "period", "parameters"} - set(entry or {})
        if missing:
            raise DataValidationError(shown, f"variant {i}: missing {', '.join(sorted(missing))}")
        file = paths.resolve(entry["file"])
        if file.parent.resolve() != FOLDER.resolve() or file.suffix != ".ipynb":
            raise DataValidationError(
                shown, f"variant {i}: file {entry['file']!r} must be a notebook in chapters/variants/"
            )
        params = dict(entry["parameters"])
        if not {"start_year", "end_year"} <= set(params):
            raise DataValidationError(shown, f"variant {i}: parameters need start_year and end_year")
        found.append(Variant(file, chapter, str(entry["period"]), params))
    return found
