"""One book, one verdict: every claim code carries the ledger's status wherever the built book states one."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from heilongjiang_russia.chapters import claims

STATUS = r"(consistent|inconsistent|partly supported|within rounding|not checkable|cited, not checkable)"
# "C012 (inconsistent)" in a table cell; "(claim C015) is partly supported" or "(claim C015), is …" in prose
LABELLED = re.compile(r"\b(C\d{3}) \(" + STATUS + r"\)")
IN_PROSE = re.compile(r"\(claims? (C\d{3})\),? (?:is|was|stays|remains) (?:now )?" + STATUS + r"\b")


def stated(html: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The (claim, status, context) a page states, and the tables that set a claim beside a bare verdict."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main") or soup
    for tag in main(["script", "style"]):
        tag.decompose()
    found, ambiguous = [], []
    for table in main.find_all("table"):
        heads = [th.get_text(" ", strip=True) for th in table.find_all("th")]
        if "Claim" in heads and any(h in ("Verdict", "Status") for h in heads):
            ambiguous.append(" | ".join(heads))
        if "Id" in heads and "Status" in heads:  # the claims ledger itself
            i, j = heads.index("Id"), heads.index("Status")
            for row in table.find("tbody").find_all("tr"):
                cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
                if len(cells) > max(i, j) and re.fullmatch(r"C\d{3}", cells[i]):
                    found.append((cells[i], cells[j], "ledger table"))
    text = main.get_text(" ", strip=True)
    for pattern in (LABELLED, IN_PROSE):
        for m in pattern.finditer(text):
            found.append((m.group(1), m.group(2), text[max(0, m.start() - 60) : m.end() + 20]))
    return found, ambiguous


def test_the_check_finds_a_planted_second_status():
    page = (
        "<main><p>The paper's explanation (claim C015) is consistent.</p>"
        "<table><thead><tr><th>Claim (its status)</th><th>This test</th></tr></thead>"
        "<tbody><tr><td>C012 (partly supported)</td><td>consistent</td></tr></tbody></table>"
        "<table><thead><tr><th>Claim</th><th>Verdict</th></tr></thead><tbody></tbody></table></main>"
    )
    found, ambiguous = stated(page)
    assert ("C015", "consistent") in [(c, s) for c, s, _ in found]
    assert ("C012", "partly supported") in [(c, s) for c, s, _ in found]
    assert ambiguous == ["Claim | Verdict"]


@pytest.mark.slow
def test_every_claim_has_one_status_across_the_built_book(built_book):
    ledger = claims.load()["status"]
    seen, wrong, ambiguous = 0, [], []
    for page in sorted(built_book.html.rglob("*.html")):
        if "_static" in page.parts or page.name in ("search.html", "genindex.html"):
            continue
        found, bare = stated(page.read_text(encoding="utf-8"))
        seen += len(found)
        rel = page.relative_to(built_book.html).as_posix()
        wrong += [
            f"{rel}: {c} is {s} here, {ledger[c]} in the ledger ({ctx!r})" for c, s, ctx in found if ledger[c] != s
        ]
        ambiguous += [f"{rel}: {heads}" for heads in bare]
    assert not wrong, "\n".join(wrong)
    assert not ambiguous, "tables that set a claim beside a verdict that is not the claim's:\n" + "\n".join(ambiguous)
    assert seen > len(ledger), seen  # the ledger's own rows at least, and the chapters' mentions
