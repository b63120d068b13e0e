"""Sphinx extension for the generated variant pages (``chapters/variants/``).

A variant repeats its chapter's figure and table labels, so in pages under ``chapters/variants/``
every label defined on the page, and every reference to it, is prefixed with the page's name
(``fig-trade-levels`` becomes ``current_state_2008_2010-fig-trade-levels``); and the chapter's
relative ``{doc}`` references are resolved from the chapter's folder, where they were written.
"""

from __future__ import annotations

import posixpath

from heilongjiang_russia import paths
from heilongjiang_russia.data.variants import load


def setup(app):
    from docutils import nodes
    from sphinx import addnodes
    from sphinx.transforms import SphinxTransform

    class PrefixVariantLabels(SphinxTransform):
        """Make the labels of a variant page its own, before Sphinx collects labels (priority 850)."""

        default_priority = 800

        def apply(self, **kwargs) -> None:
            docname = self.env.docname
            if not docname.startswith("chapters/variants/"):
                return
            prefix = docname.rsplit("/", 1)[-1] + "-"
            document = self.document
            renamed = {}
            for name, explicit in list(document.nametypes.items()):
                labelid = document.nameids.get(name)
                if not explicit or labelid is None:
                    continue
                node = document.ids.get(labelid)
                if node is None or isinstance(node, nodes.section):
                    continue
                new = prefix + name
                renamed[name] = new
                document.nametypes[new] = document.nametypes.pop(name)
                document.nameids[new] = document.nameids.pop(name)
                node["names"] = [new if n == name else n for n in node["names"]]
            chapter_dir = posixpath.dirname(chapters.get(docname, "chapters/"))
            for ref in document.findall(addnodes.pending_xref):
                target = ref.get("reftarget", "")
                if target.lower() in renamed:
                    ref["reftarget"] = renamed[target.lower()]
                elif ref.get("reftype") == "doc" and target and not target.startswith("/"):
                    ref["reftarget"] = "/" + posixpath.normpath(posixpath.join(chapter_dir, target))

    chapters = {
        paths.display(v.file).removesuffix(".ipynb"): paths.display(v.chapter).removesuffix(".ipynb") for v in load()
    }
    app.add_transform(PrefixVariantLabels)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
