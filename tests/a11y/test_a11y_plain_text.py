"""The prose of every page in the table passes the plain-language checker (no browser needed).

Headings, paragraphs, captions, figure captions, card labels, column headers, the folded
tables' summaries and the charts' titles and descriptions: the words the SDK writes. Table
cells hold data (unit names, figures, quoted answers) and are left out.
"""

from __future__ import annotations

import pytest
from a11y_pages import PAGES, PageCase
from bs4 import BeautifulSoup

from lapor_sdk.plain_language import check_text

PROSE = "h1, h2, h3, p, figcaption, caption, summary, dt, dd small, thead th, footer, title, desc"


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in PAGES if c.kind == "page"])
def test_page_prose_is_plain_indonesian(case: PageCase) -> None:
    soup = BeautifulSoup(case.build(), "html.parser")
    problems = []
    checked = 0
    for element in soup.select(PROSE):
        text = element.get_text(" ", strip=True)
        if not text:
            continue
        checked += 1
        problems += [f"<{element.name}> {f} [{f.excerpt[:80]!r}]" for f in check_text(text)]
    assert checked > 5, f"{case.id}: too little prose found ({checked} elements)"
    assert not problems, f"{case.id}:\n" + "\n".join(problems)
