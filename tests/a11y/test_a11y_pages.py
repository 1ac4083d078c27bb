"""Every page the SDK renders, checked in headless Chromium as its readers meet it.

For each entry of :data:`a11y_pages.PAGES`:

- **axe-core** (pinned in ``package.json``) at 412 px (a phone) and 1280 px (a desktop), with
  every folded table opened: a violation of impact "serious" or "critical" fails the test;
  the others, and what axe could not decide, go to the end-of-run report. A second
  colour-contrast pass runs with the tables' scroll boxes unclipped, so cells scrolled out of
  view are judged too. The page must not scroll sideways at either width.
- **keyboard**: Tab from the top reaches every interactive element, each shows a visible
  focus indicator (its pixels and its computed style change), a folded table opens with
  Enter, and Tab leaves the page at the end (no trap).
- **200 % zoom**: a 1280 px window at 200 % is a 640 CSS px viewport at 2 device pixels per
  px; the page must fit it without horizontal scrolling (wide tables scroll in their own box).
- **structure**: ``lang="id"``, every table has a caption and scoped header cells, every
  chart's accessible name and description (from the browser's accessibility tree) state
  its figures, chart text contrasts 4.5:1 and bars 3:1 with the page, and chart series
  differ by more than colour.

Feeds (RSS, Atom) are opened too: the browser must parse them (no XML error shown) and they
declare their language.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from a11y_browser import Browser, Page
from a11y_pages import PAGES, PageCase

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
HTML_PAGES = [pytest.param(c, id=c.id) for c in PAGES if c.kind == "page"]
FEEDS = [pytest.param(c, id=c.id) for c in PAGES if c.kind == "feed"]
#: (name, CSS width, height, phone?) — heights are those of the docs' screenshots.
WIDTHS = [
    pytest.param(("phone", 412, 2400, True), id="412px"),
    pytest.param(("desktop", 1280, 1800, False), id="1280px"),
]
BLOCKING = ("serious", "critical")

#: axe.run with ``%s`` as options; violations and undecided results, node by node.
_RUN_AXE = """
axe.run(document, Object.assign({resultTypes: ['violations', 'incomplete']}, %s)).then((r) => ({
  violations: r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(' '), summary: n.failureSummary})),
  })),
  incomplete: r.incomplete.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({
      target: n.target.join(' '),
      summary: ((n.any[0] || n.all[0] || n.none[0] || {}).data || {}).messageKey || '',
    })),
  })),
}))
"""
_ALL_BUT_CONTRAST = json.dumps({"rules": {"color-contrast": {"enabled": False}}})
_ONLY_CONTRAST = json.dumps({"runOnly": ["color-contrast"]})
_UNCLIP = """(() => {
  const s = document.createElement('style');
  s.id = 'a11y-unclip';
  s.textContent = '*{overflow:visible !important}';
  document.head.appendChild(s);
})()"""
_OPEN_DETAILS = "document.querySelectorAll('details').forEach((d) => { d.open = true; })"
_OVERFLOW = """(() => {
  const root = document.documentElement;
  const wide = [];
  document.querySelectorAll('body *').forEach((el) => {
    if (el.closest('.table-wrap') && !el.matches('.table-wrap')) return;
    const r = el.getBoundingClientRect();
    if (r.right > root.clientWidth + 1 && r.width > 0) wide.push(el.tagName.toLowerCase()
      + (el.className && typeof el.className === 'string' ? '.' + el.className : '')
      + ' right=' + Math.round(r.right));
  });
  return {scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(0, 8)};
})()"""
_CANDIDATES = """(() => {
  const sel = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, '
    + 'summary, iframe, [tabindex]:not([tabindex="-1"]), [contenteditable=""], '
    + '[contenteditable="true"]';
  const out = [];
  document.querySelectorAll(sel).forEach((el) => {
    if (el.matches(':disabled')) return;
    if (el.tagName === 'SUMMARY' && el.parentElement.querySelector(':scope > summary') !== el)
      return;
    if (!el.checkVisibility({visibilityProperty: true})) return;
    if (!el.dataset.a11y) {
      window.__a11yNext = (window.__a11yNext || 0) + 1;
      el.dataset.a11y = String(window.__a11yNext);
    }
    out.push(el.dataset.a11y);
  });
  return out;
})()"""
_FOCUSED = """(() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const r = el.getBoundingClientRect();
  const cs = getComputedStyle(el);
  return {
    id: el.dataset.a11y || null,
    tag: el.tagName.toLowerCase(),
    name: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 60),
    x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height,
    onScreen: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
    style: [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.boxShadow,
            cs.backgroundColor, cs.color, cs.textDecorationLine, cs.borderColor].join('|'),
    closedSummary: el.tagName === 'SUMMARY' && !el.parentElement.open,
  };
})()"""
_STYLE_OF = """(() => {
  const cs = getComputedStyle(document.querySelector('[data-a11y="%s"]'));
  return [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.boxShadow,
          cs.backgroundColor, cs.color, cs.textDecorationLine, cs.borderColor].join('|');
})()"""
_STRUCTURE = """(() => ({
  lang: document.documentElement.getAttribute('lang'),
  title: document.title,
  tables: document.querySelectorAll('table').length,
  uncaptioned: [...document.querySelectorAll('table')].filter((t) => !t.caption
    || !t.caption.textContent.trim()).length,
  unscoped: [...document.querySelectorAll('th')].filter((th) =>
    !['col', 'row', 'colgroup', 'rowgroup'].includes(th.getAttribute('scope'))).length,
  charts: [...document.querySelectorAll('svg')].map((svg) => ({
    role: svg.getAttribute('role'),
    bars: [...svg.querySelectorAll('title')].filter((t) => !t.id).map((t) => t.textContent),
    fills: [...svg.querySelectorAll('rect')].filter((r) => r.querySelector('title')
      || (r.parentElement.tagName === 'g' && r.parentElement.querySelector(':scope > title')
          && r.getAttribute('fill-opacity') === null)).map((r) => r.getAttribute('fill')),
    series: [...svg.querySelectorAll('rect > title')].map((t) => [
      t.textContent.split(' — ')[1]?.split(':')[0] || '', t.parentElement.getAttribute('fill')]),
    texts: [...svg.querySelectorAll('text')].map((t) => getComputedStyle(t).fill),
  })),
}))()"""


# --- helpers -----------------------------------------------------------------------------------


def _write(case: PageCase, folder: Path) -> Path:
    path = folder / f"{case.id}{case.suffix}"
    if not path.exists():
        path.write_text(case.build(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pages_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the rendered pages are written (each built once per module)."""
    return tmp_path_factory.mktemp("a11y-pages")


@pytest.fixture
def page(browser: Browser) -> Any:
    """A fresh tab, closed after the test."""
    tab = browser.new_page()
    yield tab
    tab.close()


def _describe(items: list[dict[str, Any]], where: str) -> list[str]:
    lines = []
    for item in items:
        targets = "; ".join(n["target"] for n in item["nodes"][:5])
        more = f" (+{len(item['nodes']) - 5} more)" if len(item["nodes"]) > 5 else ""
        lines.append(
            f"{where}: {item['impact'] or 'n/a'} {item['id']} ×{len(item['nodes'])} "
            f"({item['help']}): {targets}{more}"
        )
    return lines


def _rgb(css: str) -> tuple[float, float, float] | None:
    """Parse ``rgb(…)``/``rgba(…)``/``#rrggbb``; ``None`` for anything else (``url(…)``)."""
    if match := re.fullmatch(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)", css):
        if match.group(4) is not None and float(match.group(4)) < 1:
            return None
        return float(match.group(1)), float(match.group(2)), float(match.group(3))
    if match := re.fullmatch(r"#([0-9a-fA-F]{6})", css):
        value = match.group(1)
        return float(int(value[:2], 16)), float(int(value[2:4], 16)), float(int(value[4:], 16))
    return None


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours (0–255 channels)."""

    def luminance(rgb: tuple[float, float, float]) -> float:
        def channel(v: float) -> float:
            c = v / 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b_ = (channel(v) for v in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_wcag_examples() -> None:
    white, black = (255.0, 255.0, 255.0), (0.0, 0.0, 0.0)
    assert round(contrast(white, black), 1) == 21.0
    assert round(contrast(white, (118.0, 118.0, 118.0)), 2) == 4.54  # #767676, the AA edge
    assert contrast(white, white) == 1.0


# --- the checks, usable on any page ---------------------------------------------------------


def run_axe(page: Page, axe_source: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run axe-core on the open page with every folded table opened.

    Returns:
        The violations and the undecided results. Colour contrast runs a second time with
        the tables' scroll boxes unclipped: axe cannot judge text scrolled out of view
        ("partially obscured"), and a reader scrolls to it.
    """
    page.evaluate(_OPEN_DETAILS)
    page.evaluate(axe_source)
    result = page.evaluate(_RUN_AXE % _ALL_BUT_CONTRAST, await_promise=True)
    page.evaluate(_UNCLIP)
    contrast_result = page.evaluate(_RUN_AXE % _ONLY_CONTRAST, await_promise=True)
    return (
        result["violations"] + contrast_result["violations"],
        result["incomplete"] + contrast_result["incomplete"],
    )


def _clip(state: dict[str, Any]) -> tuple[float, float, float, float]:
    """The element's box and 6 px around it (where outlines are drawn), at most 360 × 120 px:
    the top-left corner of a large scroll box shows its ring as well as the whole box."""
    pad = 6.0
    return (
        max(0.0, state["x"] - pad),
        max(0.0, state["y"] - pad),
        min(state["w"] + 2 * pad, 360.0),
        min(state["h"] + 2 * pad, 120.0),
    )


def keyboard_walk(page: Page) -> list[str]:
    """Tab through the open page as a keyboard user does; return the problems found.

    Every interactive element must receive focus, in view, with a visible indicator (the
    pixels around it and its computed style differ from the unfocused state); a closed
    ``<details>`` must open with Enter; after the last element Tab must leave the page.
    """
    problems: list[str] = []
    wanted = set(page.evaluate(_CANDIDATES))
    reached: list[str] = []
    limit = 3 * len(wanted) + 20
    for _ in range(limit):
        page.press("Tab")
        state = page.evaluate(_FOCUSED)
        if state is None:  # focus left the page after the last element: no trap
            break
        label = f"<{state['tag']}> {state['name']!r}"
        if state["id"] is None:
            problems.append(f"{label} takes focus but is not a listed interactive element")
            continue
        if state["id"] in reached:
            break
        reached.append(state["id"])
        if not state["onScreen"]:
            problems.append(f"{label} is focused off screen")
        # Bring the element's top-left corner, where its ring is drawn, into the viewport.
        page.evaluate("document.activeElement.scrollIntoView({block: 'start'}); scrollBy(0, -24)")
        state = page.evaluate(_FOCUSED)
        focused_px = page.screenshot(clip=_clip(state))
        page.evaluate("document.activeElement.blur()")
        plain_px = page.screenshot(clip=_clip(state))
        plain_style = page.evaluate(_STYLE_OF % state["id"])
        page.evaluate(f"document.querySelector('[data-a11y=\"{state['id']}\"]').focus()")
        if focused_px == plain_px or state["style"] == plain_style:
            problems.append(f"{label} shows no visible focus indicator")
        if state["closedSummary"]:
            page.press("Enter")
            if not page.evaluate("document.activeElement.parentElement.open"):
                problems.append(f"{label}: Enter does not open the folded table")
            wanted |= set(page.evaluate(_CANDIDATES))
    else:
        problems.append(f"Tab never left the page after {limit} presses (keyboard trap?)")
    missing = wanted - set(reached)
    if missing:
        problems.append(f"{len(missing)} interactive elements never receive focus by Tab")
    if not reached:
        problems.append("nothing on the page takes keyboard focus (no skip link?)")
    return problems


def _contrast_note(where: str, item: dict[str, Any]) -> str:
    keys: dict[str, int] = {}
    for node in item["nodes"]:
        keys[node["summary"]] = keys.get(node["summary"], 0) + 1
    return (
        f"{where} needs review: color-contrast undecided by axe on {len(item['nodes'])} "
        f"elements {json.dumps(keys, sort_keys=True)} (imgNode: text inside a chart, checked "
        "by test_structure_language_tables_and_charts; shortTextContent: one-character cells "
        "such as '–'; elmPartiallyObscur*: text under another box)"
    )


# --- axe-core at two widths --------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", HTML_PAGES)
def test_axe_finds_no_serious_violation(
    case: PageCase,
    width: tuple[str, int, int, bool],
    page: Page,
    axe_source: str,
    pages_dir: Path,
    findings: list[str],
    shots: tuple[Path, bool],
) -> None:
    name, css_width, height, phone = width
    page.set_viewport(css_width, height, mobile=phone)
    page.open(_write(case, pages_dir))
    folder, for_docs = shots
    if not for_docs or (case.shot and name in case.shot_widths):
        prefix = case.shot or f"a11y-{case.id}"
        # The viewport, or less when the page is shorter (a snippet's host page).
        bottom = page.evaluate("Math.ceil(document.body.getBoundingClientRect().bottom) + 16")
        shot = page.screenshot(clip=(0, 0, css_width, min(height, bottom)))
        (folder / f"{prefix}-{name}.png").write_bytes(shot)
    overflow = page.evaluate(_OVERFLOW)
    violations, undecided = run_axe(page, axe_source)

    where = f"{case.id}@{css_width}px"
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    findings.extend(_describe([v for v in violations if v["impact"] not in BLOCKING], where))
    for item in undecided:
        if item["id"] == "color-contrast":
            findings.append(_contrast_note(where, item))
        else:
            findings.extend(_describe([item], f"{where} needs review"))
    assert not blocking, "\n".join(_describe(blocking, where))
    assert overflow["scroll"] <= overflow["client"], (
        f"{where} scrolls sideways ({overflow['scroll']} > {overflow['client']} px): "
        f"{overflow['wide']}"
    )


# --- keyboard ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", HTML_PAGES)
def test_keyboard_reaches_everything_with_visible_focus(
    case: PageCase, page: Page, pages_dir: Path
) -> None:
    page.set_viewport(1280, 900)
    page.open(_write(case, pages_dir))
    problems = keyboard_walk(page)
    assert not problems, f"{case.id}:\n" + "\n".join(problems)


# --- 200 % zoom --------------------------------------------------------------------------------


@pytest.mark.parametrize("case", HTML_PAGES)
def test_200_percent_zoom_needs_no_horizontal_scrolling(
    case: PageCase, page: Page, pages_dir: Path
) -> None:
    page.set_viewport(640, 450, scale=2.0)  # a 1280 × 900 window at 200 %
    page.open(_write(case, pages_dir))
    page.evaluate(_OPEN_DETAILS)
    overflow = page.evaluate(_OVERFLOW)
    assert overflow["scroll"] <= overflow["client"], (
        f"{case.id} at 200 % scrolls sideways ({overflow['scroll']} > {overflow['client']} "
        f"CSS px): {overflow['wide']}"
    )


# --- structure ---------------------------------------------------------------------------------


def _accessible_text(page: Page, index: int) -> str:
    """Name and description of the ``index``-th svg as the accessibility tree has them."""
    handle = page.call(
        "Runtime.evaluate", {"expression": f"document.querySelectorAll('svg')[{index}]"}
    )["result"]
    tree = page.call(
        "Accessibility.getPartialAXTree",
        {"objectId": handle["objectId"], "fetchRelatives": False},
    )
    node = tree["nodes"][0]
    assert node["role"]["value"] == "image", f"chart {index} is exposed as {node['role']}"
    name = node.get("name", {}).get("value", "")
    description = node.get("description", {}).get("value", "")
    return f"{name}\n{description}"


@pytest.mark.parametrize("case", HTML_PAGES)
def test_structure_language_tables_and_charts(case: PageCase, page: Page, pages_dir: Path) -> None:
    page.set_viewport(1280, 900)
    page.open(_write(case, pages_dir))
    page.call("Accessibility.enable")
    info = page.evaluate(_STRUCTURE)
    assert info["lang"] == "id", f"{case.id}: <html lang> is {info['lang']!r}, not 'id'"
    assert info["title"].strip(), f"{case.id}: no <title>"
    assert info["uncaptioned"] == 0, f"{case.id}: {info['uncaptioned']} tables without caption"
    assert info["unscoped"] == 0, f"{case.id}: {info['unscoped']} <th> without scope"
    white = (255.0, 255.0, 255.0)
    for index, chart in enumerate(info["charts"]):
        assert chart["role"] == "img", f"{case.id}: svg {index} has role {chart['role']!r}"
        text = _accessible_text(page, index)
        name, _, description = text.partition("\n")
        assert name.strip() and description.strip(), f"{case.id} chart {index}: {text!r}"
        for bar in chart["bars"]:
            label, _, value = bar.rpartition(": ")
            assert value in text, (
                f"{case.id} chart {index}: figure {value!r} ({label}) not in {text!r}"
            )
            category = label.split(" — ")[0]
            assert category in text, f"{case.id} chart {index}: {category!r} not in {text!r}"
        for fill in chart["texts"]:
            rgb = _rgb(fill)
            assert rgb is not None and contrast(rgb, white) >= 4.5, (
                f"{case.id} chart {index}: text colour {fill} is below 4.5:1 on white"
            )
        for fill in chart["fills"]:
            rgb = _rgb(fill) if fill and not fill.startswith("url(") else None
            if rgb is not None:
                assert contrast(rgb, white) >= 3.0, (
                    f"{case.id} chart {index}: bar colour {fill} is below 3:1 on white"
                )
        series: dict[str, set[str]] = {}
        for name, fill in chart["series"]:
            series.setdefault(name, set()).add(fill)
        if len(series) > 1:
            plain = [
                n for n, fills in series.items() if not any(f.startswith("url(") for f in fills)
            ]
            assert len(plain) <= 1, (
                f"{case.id} chart {index}: series {plain} differ by colour alone; give all but "
                "one a pattern"
            )


# --- feeds -------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", FEEDS)
def test_feed_opens_in_the_browser_with_its_language(
    case: PageCase, page: Page, pages_dir: Path, findings: list[str]
) -> None:
    path = _write(case, pages_dir)
    page.set_viewport(1280, 900)
    page.open(path)
    shown = page.evaluate(
        "document.body ? document.body.innerText : document.documentElement.textContent"
    )
    assert "error" not in shown.lower()[:400], (
        f"{case.id}: the browser shows an XML error: {shown[:400]}"
    )
    source = path.read_text("utf-8")
    assert "<language>id</language>" in source or 'xml:lang="id"' in source, (
        f"{case.id} does not declare its language (RSS <language>id</language>, Atom xml:lang)"
    )
    for title in re.findall(r"<title>([^<]*)</title>", source):
        assert title in shown, f"{case.id}: title {title!r} is not shown"
    findings.append(
        f"{case.id}: a browser shows feeds as an XML tree (no stylesheet); feed readers show "
        "the titles and texts, which the plain-language tests check"
    )


# --- the table covers every renderer -----------------------------------------------------------

#: Source files that write HTML or feeds, and the entries of PAGES that render them.
RENDERERS = {
    "src/lapor_sdk/monev/_html.py": {"monev", "monev-provisional", "monev-empty"},
    "src/lapor_sdk/ppid/_html.py": {"ppid-report", "ppid-empty"},
    "src/lapor_sdk/pdp/_export.py": {"pdp-export", "pdp-export-empty"},
    "src/hoax_clinic/publish/_text.py": {"hoax-snippets", "hoax-rss", "hoax-atom"},
}


#: A string literal that starts a page or a snippet, or an RSS/Atom root built with ElementTree
#: (a parser that merely mentions "<!DOCTYPE" in a message is not a renderer).
WRITES_MARKUP = re.compile(
    r"""["']<!DOCTYPE html|["']<html\b|["']<article\b|Element\(\s*["']rss["']|\}\}\}feed["']"""
    r"|\*_page_start\("  # a page built on the shared head (monev/_html.py) renders HTML too
)


def test_every_renderer_of_the_sdk_has_an_entry() -> None:
    writers = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "src").rglob("*.py")
        if WRITES_MARKUP.search(path.read_text("utf-8"))
    }
    assert writers == set(RENDERERS), (
        "a module writes HTML or a feed without an entry in tests/a11y/a11y_pages.py: "
        f"{sorted(writers ^ set(RENDERERS))}"
    )
    ids = {c.id for c in PAGES}
    for source, entries in RENDERERS.items():
        assert entries <= ids, f"{source}: entries {sorted(entries - ids)} are not in PAGES"


# --- the checks can fail -------------------------------------------------------------------

BROKEN = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Rusak</title>
<style>a:focus, [tabindex]:focus {outline: none} .pale {color: #b0b0b0}</style></head>
<body><main><h1>Halaman rusak</h1>
<p class="pale">Teks abu-abu muda di atas putih.</p>
<p><a href="#bawah">Tautan tanpa tanda fokus</a></p>
<div tabindex="0">Kotak yang bisa difokus</div>
<div style="width: 2000px">Lebar tetap 2000 px</div>
<svg role="img" width="40" height="40"><rect width="40" height="40" fill="#1d4f91"/></svg>
</main></body></html>"""


def test_the_checks_catch_a_broken_page(page: Page, axe_source: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text(BROKEN, encoding="utf-8")
    page.set_viewport(412, 900, mobile=True)
    page.open(path)
    assert page.evaluate(_OVERFLOW)["scroll"] > 412
    violations, _ = run_axe(page, axe_source)
    blocking = {v["id"] for v in violations if v["impact"] in BLOCKING}
    assert {"color-contrast", "html-has-lang", "svg-img-alt"} <= blocking
    page.set_viewport(1280, 900)
    page.open(path)
    problems = keyboard_walk(page)
    assert sum("no visible focus indicator" in p for p in problems) == 2, problems
