"""The changelog's list of changed verdicts is the ledger's own diff against the previous release."""

from __future__ import annotations

import re

import pytest

from heilongjiang_russia import paths
from heilongjiang_russia.dev import release

SECTION = re.compile(r"^## \[([^\]]+)\]", re.M)
# the ledger of an earlier release is read from the git history, which a source archive lacks
needs_history = pytest.mark.skipif(not (paths.ROOT / ".git").exists(), reason="no git history to read releases from")


def _sections(text: str) -> list[tuple[str, str]]:
    heads = list(SECTION.finditer(text))
    return [
        (m.group(1), text[m.end() : heads[i + 1].start() if i + 1 < len(heads) else len(text)])
        for i, m in enumerate(heads)
    ]


def _changed_verdicts(body: str) -> str | None:
    """The nested list under the "Changed verdicts ..." item of a section's "### Changed"."""
    match = re.search(r"^- Changed verdicts[^\n]*\n(?:  [^-\n][^\n]*\n)*((?:  - [^\n]*\n)*)", body, re.M)
    if not match:
        return None
    return "".join(line[2:] + "\n" for line in match.group(1).splitlines())


@needs_history
def test_the_changed_verdicts_are_listed_from_the_ledger_by_code():
    sections = _sections((paths.ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    for i, (name, body) in enumerate(sections):
        listed = _changed_verdicts(body)
        if listed is None:
            continue
        previous = next((n for n, _ in sections[i + 1 :] if n != "Unreleased"), None)
        assert previous, f"CHANGELOG.md [{name}]: no earlier release to compare the ledger with"
        assert listed == release.claim_changes_markdown(paths.ROOT, previous), (
            f"CHANGELOG.md [{name}]: 'Changed verdicts' differs from "
            f"`python -m heilongjiang_russia.dev.release --claim-changes {previous}`"
        )
        return
    pytest.fail("CHANGELOG.md has no 'Changed verdicts' item in its newest sections")


@needs_history
def test_claim_changes_names_old_and_new_status():
    changes = {c["claim_id"]: c for c in release.claim_changes(paths.ROOT, "0.1.0")}
    # the energy explanation was 'consistent' by a coincidence of signs in 0.1.0
    assert changes["C015"]["old"] == "consistent" and changes["C015"]["new"] == "partly supported"
    assert "C008" not in changes  # unchanged claims are not listed


def test_an_unknown_release_is_refused():
    with pytest.raises(release.ReleaseError, match="no tag v9.9.9 and no commit 'Release 9.9.9'"):
        release.release_commit(paths.ROOT, "9.9.9")
