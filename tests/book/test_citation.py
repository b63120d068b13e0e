"""Citation: one version and one repository URL, repeated consistently, and no invented DOI.

The version and the repository URL live in pyproject.toml; CITATION.cff, .zenodo.json,
CHANGELOG.md, _config.yml and README.md repeat them, the book shows the version on the
landing page, in the footer, on the How to cite page and on the PDF title page.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from importlib.metadata import version as installed_version
from pathlib import Path

import pytest
import yaml

from heilongjiang_russia import metadata, paths
from heilongjiang_russia.book import sphinxext
from heilongjiang_russia.dev import release

BIN = Path(sys.executable).parent
ARTICLE_DOI = "10.15826/recon.2019.5.1.002"


def cff() -> dict:
    return yaml.safe_load((paths.ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def zenodo() -> dict:
    return json.loads((paths.ROOT / ".zenodo.json").read_text(encoding="utf-8"))


def page_text(file: Path) -> str:
    """A built HTML page as the reader sees its text (tags and syntax-highlighting spans removed)."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", file.read_text(encoding="utf-8")))


CFF_SCHEMA = Path(__file__).parents[1] / "support" / "schemas" / "citation-file-format-1.2.0.json"


def cff_problems(file: Path) -> list[str]:
    """What the Citation File Format 1.2.0 schema finds wrong with ``file`` (tests/support/schemas/README.md).

    The schema's own advice: dates are compared as text, so YAML dates are read as strings.
    """
    import jsonschema

    class TextDates(yaml.SafeLoader):
        pass

    TextDates.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)
    data = yaml.load(file.read_text(encoding="utf-8"), Loader=TextDates)  # noqa: S506 (a SafeLoader)
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:300]}" for e in validator.iter_errors(data)
    ]


def test_citation_cff_is_valid_cff_1_2_0():
    assert cff_problems(paths.ROOT / "CITATION.cff") == []
    data = cff()
    assert data["cff-version"] == "1.2.0"
    for key in ("title", "version", "date-released", "license", "repository-code", "keywords", "abstract", "authors"):
        assert data.get(key), f"CITATION.cff: {key} missing or empty"


@pytest.mark.parametrize(
    "old, new, found",
    [
        ("  - MIT\n", "  - MIT licence\n", "license"),  # not an SPDX identifier
        ('date-released: "', 'date-released: "1 ', "date-released"),
        ("cff-version: 1.2.0\n", "cff-version: 1.2.0\ncolour: red\n", "colour"),  # not a CFF key
    ],
)
def test_the_schema_check_refuses_a_broken_citation_file(tmp_path, old, new, found):
    """The validation above can fail: each of these edits is refused, naming what is wrong."""
    text = (paths.ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "CITATION.cff"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = cff_problems(broken)
    assert problems and found in "\n".join(problems), problems


def test_authors_are_the_contributors_not_an_invented_person():
    authors = cff()["authors"]
    project_authors = [a["name"] for a in metadata.pyproject()["project"]["authors"]]
    assert [a.get("name") for a in authors] == project_authors == ["Contributors to the Song (2019) compendium"]
    assert not any("family-names" in a or "given-names" in a for a in authors)


def test_every_file_agrees_with_pyproject_version_and_repository_url():
    assert release.problems() == []
    version, url = metadata.project_version(), metadata.repository_url()
    assert cff()["version"] == zenodo()["version"] == version
    assert cff()["repository-code"] == url
    config = yaml.safe_load(paths.CONFIG.read_text(encoding="utf-8"))
    assert config["repository"]["url"] == url
    assert url in (paths.ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "file, old, new, message",
    [
        (".zenodo.json", '"version": "{v}"', '"version": "9.9.9"', ".zenodo.json: version '9.9.9'"),
        ("CITATION.cff", 'version: "{v}"', 'version: "9.9.9"', "CITATION.cff: version '9.9.9'"),
        ("_config.yml", "url: {u}", "url: https://github.com/someone-else/fork", "_config.yml: repository.url"),
        ("README.md", "{u}", "https://github.com/someone-else/fork", "README.md: does not give the repository URL"),
        (
            "README.md",
            "## Licences",
            "Old home: https://github.com/song-2019-compendium/old-name\n\n## Licences",
            "README.md: names repository 'https://github.com/song-2019-compendium/old-name'",
        ),
        ("CHANGELOG.md", "[unreleased]: {u}", "[unreleased]: https://example.org/x", "CHANGELOG.md: link"),
    ],
)
def test_a_disagreeing_file_is_named(tmp_path, file, old, new, message):
    for name in ("pyproject.toml", "CITATION.cff", ".zenodo.json", "_config.yml", "README.md", "CHANGELOG.md"):
        shutil.copy(paths.ROOT / name, tmp_path / name)
    target = tmp_path / file
    v, u = metadata.project_version(), metadata.repository_url()
    text = target.read_text(encoding="utf-8")
    old = old.format(v=v, u=u)
    assert old in text
    target.write_text(text.replace(old, new.format(v=v, u=u)), encoding="utf-8")
    found = release.problems(tmp_path)
    assert any(line.startswith(message) for line in found), found


def test_zenodo_agrees_with_citation_cff():
    c, z = cff(), zenodo()
    assert z["title"] == c["title"]
    assert z["version"] == c["version"]
    assert z["publication_date"] == str(c["date-released"])
    assert z["description"] == c["abstract"]
    assert z["keywords"] == c["keywords"]
    assert [creator["name"] for creator in z["creators"]] == [a["name"] for a in c["authors"]]
    # Zenodo takes one licence: the first of the CFF list; the notes name all of them.
    assert z["license"] == c["license"][0]
    for licence in c["license"]:
        assert licence in z["notes"], licence
    assert z["upload_type"] == c["type"] == "software"


def test_the_release_is_a_supplement_to_the_article():
    related = zenodo()["related_identifiers"]
    article = [r for r in related if r["scheme"] == "doi"]
    assert article == [
        {
            "identifier": ARTICLE_DOI,
            "relation": "isSupplementTo",
            "resource_type": "publication-article",
            "scheme": "doi",
        }
    ]
    snapshot = [r["identifier"] for r in related if r["scheme"] == "url"]
    assert snapshot == [f"{metadata.repository_url()}/tree/v{metadata.project_version()}"]


def test_citation_cff_references_the_article_as_references_bib_does():
    from pybtex.database import parse_file

    entry = parse_file(str(paths.ROOT / "references.bib")).entries["song2019"]
    ref = next(r for r in cff()["references"] if r.get("doi") == ARTICLE_DOI)
    assert ref["type"] == "article"
    assert entry.fields["doi"] == ref["doi"]
    assert entry.fields["title"].replace("{", "").replace("}", "") == ref["title"]
    assert entry.fields["journal"] == ref["journal"]
    assert int(entry.fields["year"]) == ref["year"]
    assert int(entry.fields["volume"]) == ref["volume"] and int(entry.fields["number"]) == ref["issue"]
    assert entry.fields["pages"] == f"{ref['start']}--{ref['end']}"
    person = entry.persons["author"][0]
    assert (" ".join(person.last_names), " ".join(person.first_names)) == (
        ref["authors"][0]["family-names"],
        ref["authors"][0]["given-names"],
    )
    assert "reproduc" in cff()["abstract"] and "Song (2019)" in cff()["abstract"]


def test_no_doi_is_claimed_for_the_compendium():
    """Until an archive assigns one, the only DOI anywhere in the citation files is the article's."""
    c, z = cff(), zenodo()
    assert "doi" not in c and "identifiers" not in c and "doi" not in z
    texts = {
        name: (paths.ROOT / name).read_text(encoding="utf-8")
        for name in (
            "CITATION.cff",
            ".zenodo.json",
            "README.md",
            "index.md",
            "CHANGELOG.md",
            "chapters/how_to_cite.md",
            "pyproject.toml",
            "_config.yml",
        )
    }
    for name, text in texts.items():
        dois = set(re.findall(r"10\.\d{4,9}/[^\s\"'<>)\]},]+", text))
        assert dois <= {ARTICLE_DOI}, f"{name}: DOI other than the article's: {dois - {ARTICLE_DOI}}"
        assert "zenodo.org/record" not in text and "10.5281/zenodo" not in text, name


def test_installed_package_reports_the_pyproject_version():
    """A stale install would print an old version on the command line and in the notebooks."""
    assert installed_version("heilongjiang-russia") == metadata.project_version()


@pytest.mark.slow  # starts the command line, which imports the whole package
def test_the_command_line_reports_the_pyproject_version():
    result = subprocess.run([sys.executable, "-m", "heilongjiang_russia", "--version"], capture_output=True, text=True)
    assert result.stdout.split()[-1] == metadata.project_version()


def test_book_title_matches_the_citation_title():
    config = yaml.safe_load(paths.CONFIG.read_text(encoding="utf-8"))
    assert config["title"] == cff()["title"]


def test_changelog_keeps_a_changelog_form():
    text = (paths.ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n")
    assert "https://keepachangelog.com/" in text
    headings = re.findall(r"^## (.*)$", text, re.M)
    assert headings[0] == "[Unreleased]", headings
    released = []
    for heading in headings[1:]:
        match = re.fullmatch(r"\[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})", heading)
        assert match, f"CHANGELOG.md: release heading not '## [x.y.z] - YYYY-MM-DD': {heading!r}"
        released.append(match.group(1))
        assert re.search(rf"^\[{re.escape(match.group(1))}\]: {re.escape(metadata.repository_url())}/", text, re.M)
    assert released == sorted(released, key=metadata.parse_version, reverse=True), "newest release first"
    for sub in re.findall(r"^### (.*)$", text, re.M):
        assert sub in {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}, sub
    current = metadata.project_version()
    # The current version is either still being prepared or released with the CFF's date.
    if current in released:
        assert f"## [{current}] - {cff()['date-released']}" in text


def test_generated_bibtex_carries_version_repository_and_no_doi():
    bib = sphinxext.compendium_bibtex(cff())
    assert bib.startswith("@software{song2019compendium,")
    assert f"version = {{{metadata.project_version()}}}," in bib
    assert f"url     = {{{metadata.repository_url()}}}," in bib
    assert "doi " not in bib
    article = sphinxext.article_bibtex(cff())
    assert f"doi     = {{{ARTICLE_DOI}}}," in article and "pages   = {13--18}," in article


@pytest.mark.slow
def test_built_book_shows_the_version_on_landing_page_footer_and_citation_page(built_book):
    version = metadata.project_version()
    index = (built_book.html / "index.html").read_text(encoding="utf-8")
    assert f"This is version <strong>{version}</strong> of the compendium" in index
    cite = page_text(built_book.html / "chapters" / "how_to_cite.html")
    assert f"You are reading version {version} of the compendium" in cite
    assert f"version = {{{version}}}," in cite and f"doi     = {{{ARTICLE_DOI}}}," in cite
    assert f'version: "{version}"' in cite  # CITATION.cff, included
    pages = [
        p
        for p in sorted(built_book.html.rglob("*.html"))
        if not any(part.startswith("_") for part in p.relative_to(built_book.html).parts)
        and p.name not in {"search.html", "genindex.html"}
    ]
    assert len(pages) >= 3
    for page in pages:
        assert f'class="compendium-version">Compendium version {version}' in page.read_text(encoding="utf-8"), page


@pytest.mark.slow
def test_a_bumped_pyproject_version_reaches_every_page_and_the_pdf_title(tmp_path):
    """The version is read from pyproject.toml at build time: bump it in a copy and rebuild.

    Only the pages that show the version are built (the landing page, How to cite, the references
    it cites): the strict build of the whole book is `built_book`'s. Links from the landing page to
    the chapters left out are warnings here, so this build is not strict."""
    from test_release import clone_repository, with_unreleased_entry

    copy = clone_repository(tmp_path / "repo")  # the committed state
    with_unreleased_entry(copy)
    release.bump(copy, "9.8.7", "2031-02-03")
    assert release.problems(copy) == []
    kept = ["chapters/how_to_cite", "chapters/references"]
    (copy / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nchapters:\n" + "".join(f"  - file: {name}\n" for name in kept),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    for builder in ("html", "latex"):
        args = [str(BIN / "jupyter-book"), "build", str(copy), "--path-output", str(out), "--builder", builder]
        result = subprocess.run(args, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    index = (out / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "This is version <strong>9.8.7</strong>" in index
    assert 'class="compendium-version">Compendium version 9.8.7' in index
    cite = page_text(out / "_build" / "html" / "chapters" / "how_to_cite.html")
    assert "version = {9.8.7}," in cite and "year    = {2031}," in cite
    assert "9.8.7 - 2031-02-03" in cite  # the changelog entry the bump dated
    tex = next((out / "_build" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert r"\release{9.8.7}" in tex


def test_changing_the_repository_url_changes_every_copy(tmp_path):
    """When the maintainers confirm the address, one command moves every copy of it."""
    names = ("pyproject.toml", "CITATION.cff", ".zenodo.json", "_config.yml", "README.md", "CHANGELOG.md")
    for name in names:
        shutil.copy(paths.ROOT / name, tmp_path / name)
    old = metadata.repository_url()
    new = "https://github.com/example-maintainers/song-2019-compendium"
    result = subprocess.run(
        [sys.executable, "-m", "heilongjiang_russia.dev.release", "--root", str(tmp_path), "--set-url", new],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert metadata.repository_url(tmp_path) == new
    assert release.problems(tmp_path) == []
    for name in names:
        assert old not in (tmp_path / name).read_text(encoding="utf-8"), name
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "heilongjiang_russia.dev.release",
            "--root",
            str(tmp_path),
            "--set-url",
            "github.com/no-scheme",
        ],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "expected https://HOST/OWNER/NAME" in bad.stderr
