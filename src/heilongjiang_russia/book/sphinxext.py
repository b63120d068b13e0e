"""Sphinx extension: the compendium's version and citation, from their single sources.

Added to the book with ``sphinx: extra_extensions: [heilongjiang_russia.book.sphinxext]`` in
``_config.yml``. At ``config-inited`` it

- sets Sphinx ``version`` and ``release`` from ``pyproject.toml`` (the package metadata) of the
  book being built, so the PDF title page and ``|release|`` carry it;
- adds MyST substitutions ``{{ version }}``, ``{{ repository_url }}`` and ``{{ repository_link }}``
  (the URL as a link) for Markdown pages;
- appends "Version X" to the theme's footer (``html_theme_options['extra_footer']``);
- warns (an error under ``-W``) when ``_config.yml``'s repository URL differs from pyproject.toml's.

It also provides the directive ``{compendium-citation}`` with one argument, ``text``,
``bibtex`` or ``article-bibtex``: the compendium's citation (plain text or BibTeX) or the
original article's BibTeX, generated from ``CITATION.cff`` so that the page cannot drift from it.
Written here rather than by cffconvert (tests/book/test_citation.py validates CITATION.cff against the
CFF 1.2.0 schema): cffconvert 2.0's BibTeX is a ``@misc`` without the version under a placeholder
key, and it does not convert the file's ``references`` (the article).
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from heilongjiang_russia import metadata

logger = logging.getLogger(__name__)

COMPENDIUM_KEY = "song2019compendium"


def book_version(srcdir: str | Path) -> str:
    """The version of the book in ``srcdir`` (its pyproject.toml, else the installed package)."""
    return metadata.project_version(srcdir)


def _on_config_inited(app, config) -> None:
    root = Path(app.srcdir)
    version = book_version(root)
    config.version = version
    config.release = version

    url = None
    if (root / "pyproject.toml").is_file():
        url = metadata.repository_url(root)

    substitutions = dict(config.myst_substitutions or {})
    substitutions["version"] = version
    if url:
        substitutions["repository_url"] = url
        substitutions["repository_link"] = f"[{url}]({url})"
    config.myst_substitutions = substitutions
    extensions = list(config.myst_enable_extensions or [])
    if "substitution" not in extensions:
        config.myst_enable_extensions = [*extensions, "substitution"]

    options = dict(config.html_theme_options or {})
    footer = (
        f'<p class="compendium-version">Compendium version {html.escape(version)}'
        + (f' &middot; <a href="{html.escape(url)}">source repository</a>' if url else "")
        + "</p>"
    )
    options["extra_footer"] = (options.get("extra_footer") or "") + footer
    config.html_theme_options = options

    theme_url = str(options.get("repository_url") or "").rstrip("/")
    if url and theme_url and theme_url != url:
        logger.warning(
            "_config.yml: repository.url is %r but pyproject.toml [project.urls] Repository is %r; "
            "they must agree (python -m heilongjiang_russia.dev.release --set-url URL changes both)",
            theme_url,
            url,
            type="heilongjiang_russia",
            subtype="repository_url",
        )


def _cff(srcdir: str | Path) -> dict:
    return yaml.safe_load((Path(srcdir) / "CITATION.cff").read_text(encoding="utf-8"))


def _names(authors: list[dict]) -> list[str]:
    out = []
    for person in authors:
        if "family-names" in person:
            out.append(f"{person['family-names']}, {person.get('given-names', '')}".strip(", "))
        else:
            out.append("{" + person["name"] + "}")
    return out


def compendium_bibtex(cff: dict) -> str:
    year = str(cff["date-released"])[:4]
    fields = [
        ("author", " and ".join(_names(cff["authors"]))),
        ("title", cff["title"]),
        ("version", str(cff["version"])),
        ("year", year),
        ("url", cff["repository-code"]),
        (
            "note",
            "Executable research compendium reproducing Song (2019), doi:"
            + metadata.ARTICLE_DOI
            + "; no DOI of its own yet",
        ),
    ]
    return _bibtex("software", COMPENDIUM_KEY, fields)


def article_bibtex(cff: dict) -> str:
    ref = next(r for r in cff.get("references", []) if r.get("doi") == metadata.ARTICLE_DOI)
    fields = [
        ("author", " and ".join(_names(ref["authors"]))),
        ("title", ref["title"]),
        ("journal", ref["journal"]),
        ("year", str(ref["year"])),
        ("volume", str(ref["volume"])),
        ("number", str(ref["issue"])),
        ("pages", f"{ref['start']}--{ref['end']}"),
        ("doi", ref["doi"]),
    ]
    return _bibtex("article", "song2019", fields)


def _bibtex(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in fields)
    lines = [f"@{kind}{{{key},"]
    lines += [f"  {name.ljust(width)} = {{{value}}}," for name, value in fields]
    return "\n".join(lines + ["}"])


def compendium_text(cff: dict) -> str:
    authors = "; ".join(a.get("name") or f"{a['family-names']}, {a.get('given-names', '')}" for a in cff["authors"])
    return (
        f"{authors} ({str(cff['date-released'])[:4]}). {cff['title']} (version {cff['version']}) "
        f"[Computer software]. {cff['repository-code']}"
    )


class CompendiumCitation(SphinxDirective):
    """``{compendium-citation} text|bibtex|article-bibtex``, generated from CITATION.cff."""

    required_arguments = 1
    option_spec = {"class": directives.class_option}

    def run(self):
        kind = self.arguments[0]
        path = Path(self.env.srcdir) / "CITATION.cff"
        self.env.note_dependency(str(path))
        try:
            cff = _cff(self.env.srcdir)
        except (OSError, yaml.YAMLError) as exc:
            raise self.error(f"compendium-citation: cannot read CITATION.cff: {exc}") from None
        if kind == "text":  # the repository address as a link, as linkify makes it in Markdown
            text, url = compendium_text(cff), cff["repository-code"]
            before, _, after = text.partition(url)
            return [
                nodes.paragraph("", "", nodes.Text(before), nodes.reference(url, url, refuri=url), nodes.Text(after))
            ]
        makers = {"bibtex": compendium_bibtex, "article-bibtex": article_bibtex}
        if kind not in makers:
            raise self.error(f"compendium-citation: unknown kind {kind!r}; use text, bibtex or article-bibtex")
        text = makers[kind](cff)
        block = nodes.literal_block(text, text, language="bibtex")
        return [block]


def setup(app):
    app.connect("config-inited", _on_config_inited)
    app.add_directive("compendium-citation", CompendiumCitation)
    return {"version": metadata.project_version(), "parallel_read_safe": True, "parallel_write_safe": True}
