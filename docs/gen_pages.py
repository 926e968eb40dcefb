"""Write the generated pages of the documentation site (run by mkdocs-gen-files).

The pages come from :func:`seikatsu_std.docs_pages.build_pages`: nothing
generated is committed. It also copies the Mermaid bundle into the site. A missing calculation-vectors file is reported as a
warning, which ``mkdocs build --strict`` turns into a failed build.
"""

from __future__ import annotations

import logging
from pathlib import Path

import mkdocs_gen_files

from seikatsu_std.docs_pages import build_pages

ROOT = Path(__file__).resolve().parents[1]
log = logging.getLogger("mkdocs.plugins.seikatsu_std.docs")

for name, text in build_pages(ROOT, warn=log.warning).items():
    with mkdocs_gen_files.open(name, "w") as page:
        page.write(text)

# Mermaid for the workflow diagrams, served by the site itself (./scripts/setup fetches it).
bundles = sorted((ROOT / "var" / "vendor").glob("mermaid-*/mermaid.min.js"))
if bundles:
    with mkdocs_gen_files.open("assets/javascripts/mermaid.min.js", "w") as script:
        script.write(bundles[-1].read_text(encoding="utf-8"))
else:
    log.warning(
        "var/vendor/mermaid-*/mermaid.min.js がないため図を描けません "
        "(Mermaid bundle missing: run ./scripts/setup)"
    )

# The machine-readable API definition next to its page (the same file as schemas/openapi.json).
with mkdocs_gen_files.open("openapi.json", "w") as document:
    document.write((ROOT / "schemas" / "openapi.json").read_text(encoding="utf-8"))
