"""Accessible inline SVG bar charts, generated without any JavaScript or external asset.

Every chart is ``<svg role="img" aria-labelledby="…-t" aria-describedby="…-d">``: the
``<title>`` is its accessible name, the ``<desc>`` its description in plain Indonesian, and
the description ends with **every figure the chart draws**, one short sentence each
("Rinciannya sebagai berikut. A: 75,0 %. …"), because the parts of an image are hidden from
screen readers — the per-bar ``<title>`` tooltips help only mouse users. Series after the
first are drawn with white diagonal stripes, so they differ by more than colour (legend
swatches carry the same stripes). Every string is HTML-escaped: labels come from untrusted
data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["Bar", "Series", "hbar_chart", "hbar_figures", "vbar_chart", "vbar_figures"]

_WIDTH = 400
_FONT = 13
_TEXT = "#1a1a1a"
_AXIS = "#595959"
_GRID = "#d9d9d9"
_MAX_LABEL = 54


@dataclass(frozen=True)
class Bar:
    """One bar of a horizontal chart."""

    label: str
    """Category name shown above the bar (untrusted)."""
    value: float | None
    """Length of the bar in chart units; ``None`` draws no bar and shows ``text``."""
    text: str
    """Value as shown beside the bar (``"75,0 %"``)."""


@dataclass(frozen=True)
class Series:
    """One series of a vertical (grouped) bar chart."""

    name: str
    """Legend name."""
    values: Sequence[float]
    """One value per category."""
    color: str
    """Fill colour (must contrast with white by at least 3:1)."""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _short(text: str, limit: int = _MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _fmt_id(value: float) -> str:
    """A figure as Indonesians write it: ``12``, ``12,5``."""
    return _fmt(value).replace(".", ",")


def _open_svg(chart_id: str, title: str, desc: str, height: int) -> list[str]:
    return [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t" '
        f'aria-describedby="{chart_id}-d" viewBox="0 0 {_WIDTH} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" '
        f'font-size="{_FONT}">',
        f'<title id="{chart_id}-t">{_e(title)}</title>',
        f'<desc id="{chart_id}-d">{_e(desc)}</desc>',
    ]


def _stripes(pattern_id: str, color: str) -> str:
    """A fill of ``color`` with white diagonal stripes (a second cue besides colour)."""
    return (
        f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="6" height="6" '
        'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{color}"/>'
        '<line x1="1" y1="0" x2="1" y2="6" stroke="#ffffff" stroke-width="2"/></pattern>'
    )


def hbar_figures(bars: Sequence[Bar]) -> str:
    """The figures of a horizontal chart, one short sentence a bar.

    Example: ``"Rinciannya sebagai berikut. Dinas A: 75,0 %. Dinas B: 60,0 %."``
    """
    if not bars:
        return ""
    return " ".join(["Rinciannya sebagai berikut.", *(f"{b.label}: {b.text}." for b in bars)])


def vbar_figures(categories: Sequence[str], series: Sequence[Series]) -> str:
    """The figures of a grouped chart, one short sentence a category, every series named."""
    if not categories or not series:
        return ""
    groups = [
        f"{category}: "
        + ", ".join(f"{s.name.lower()} {_fmt_id(s.values[i])}" for s in series)
        + "."
        for i, category in enumerate(categories)
    ]
    return " ".join(["Rinciannya sebagai berikut.", *groups])


def hbar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    bars: Sequence[Bar],
    max_value: float,
    color: str = "#1d4f91",
) -> str:
    """Draw a horizontal bar chart with the label above each bar (readable on a phone).

    Args:
        chart_id: Unique id prefix inside the page (letters, digits, ``-``).
        title: Short title (the accessible name).
        desc: Plain-language summary of what the chart shows (the accessible description).
        bars: The bars, top to bottom.
        max_value: Value drawn at full width (e.g. 100 for percentages).
        color: Bar colour.

    Returns:
        The ``<svg>`` element as a string; its description is ``desc`` followed by every
        bar's label and value (:func:`hbar_figures`).
    """
    row = 42
    top = 4
    height = top + row * max(len(bars), 1) + 4
    parts = _open_svg(chart_id, title, f"{desc} {hbar_figures(bars)}".strip(), height)
    if not bars:
        parts.append(f'<text x="0" y="24" fill="{_TEXT}">Belum ada data.</text>')
    scale = _WIDTH / max_value if max_value > 0 else 0.0
    for index, bar in enumerate(bars):
        y = top + index * row
        # Label left and value right on one line, the bar below: fits a phone's width.
        room = max(8, int((_WIDTH - 8 * len(bar.text) - 12) / 7.2))
        parts.append("<g>")
        parts.append(f"<title>{_e(bar.label)}: {_e(bar.text)}</title>")
        parts.append(
            f'<text x="0" y="{y + 13}" fill="{_TEXT}">{_e(_short(bar.label, room))}</text>'
        )
        parts.append(
            f'<text x="{_WIDTH}" y="{y + 13}" text-anchor="end" fill="{_TEXT}" '
            f'font-weight="600">{_e(bar.text)}</text>'
        )
        parts.append(
            f'<rect x="0" y="{y + 19}" width="{_WIDTH}" height="14" fill="{_GRID}" '
            'fill-opacity="0.45"/>'
        )
        if bar.value is not None and bar.value > 0:
            width = min(bar.value, max_value) * scale
            parts.append(
                f'<rect x="0" y="{y + 19}" width="{_fmt(width)}" height="14" fill="{color}"/>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def vbar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[Series],
) -> str:
    """Draw a vertical grouped bar chart with a legend and a y axis.

    Args:
        chart_id: Unique id prefix inside the page.
        title: Short title (the accessible name).
        desc: Plain-language summary (the accessible description).
        categories: Category names along the x axis (short, e.g. ``"W06"``).
        series: The series; each has one value per category.

    Returns:
        The ``<svg>`` element as a string; its description is ``desc`` followed by every
        category's values (:func:`vbar_figures`). Series after the first are striped.
    """
    left, right, top, bottom = 34, 6, 34, 40
    plot_h = 190
    height = top + plot_h + bottom
    plot_w = _WIDTH - left - right
    peak = max((v for s in series for v in s.values), default=0.0)
    step = _nice_step(peak)
    axis_max = step * max(1, -(-peak // step)) if peak > 0 else 1.0
    parts = _open_svg(chart_id, title, f"{desc} {vbar_figures(categories, series)}".strip(), height)
    fills = [s.color if i == 0 else f"url(#{chart_id}-p{i})" for i, s in enumerate(series)]
    if len(series) > 1:
        patterns = "".join(_stripes(f"{chart_id}-p{i}", s.color) for i, s in enumerate(series) if i)
        parts.append(f"<defs>{patterns}</defs>")
    # Legend: the same fill (colour and stripes) as the bars.
    x = left
    for s, fill in zip(series, fills, strict=True):
        parts.append(f'<rect x="{x}" y="5" width="14" height="14" fill="{fill}"/>')
        parts.append(f'<text x="{x + 19}" y="16" fill="{_TEXT}">{_e(s.name)}</text>')
        x += 36 + 8 * len(s.name)
    # Grid and y axis labels.
    tick = 0.0
    while tick <= axis_max + 1e-9:
        y = top + plot_h - tick / axis_max * plot_h
        parts.append(
            f'<line x1="{left}" x2="{_WIDTH - right}" y1="{_fmt(y)}" y2="{_fmt(y)}" '
            f'stroke="{_GRID}"/>'
        )
        parts.append(
            f'<text x="{left - 5}" y="{_fmt(y + 4)}" text-anchor="end" fill="{_AXIS}" '
            f'font-size="11">{_fmt(tick)}</text>'
        )
        tick += step
    if categories and series:
        group_w = plot_w / len(categories)
        bar_w = min(22.0, group_w * 0.8 / len(series))
        label_every = max(1, -(-len(categories) * 30 // plot_w))
        for ci, category in enumerate(categories):
            gx = left + ci * group_w + (group_w - bar_w * len(series)) / 2
            for si, s in enumerate(series):
                value = s.values[ci]
                h = value / axis_max * plot_h
                bx = gx + si * bar_w
                parts.append(
                    f'<rect x="{_fmt(bx)}" y="{_fmt(top + plot_h - h)}" '
                    f'width="{_fmt(bar_w - 1)}" height="{_fmt(h)}" fill="{fills[si]}">'
                    f"<title>{_e(category)} — {_e(s.name)}: {_fmt_id(value)}</title></rect>"
                )
            if ci % label_every == 0:
                cx = left + ci * group_w + group_w / 2
                parts.append(
                    f'<text x="{_fmt(cx)}" y="{top + plot_h + 16}" text-anchor="middle" '
                    f'fill="{_TEXT}" font-size="11">{_e(_short(category, 10))}</text>'
                )
    parts.append(
        f'<line x1="{left}" x2="{_WIDTH - right}" y1="{top + plot_h}" y2="{top + plot_h}" '
        f'stroke="{_AXIS}"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _nice_step(peak: float) -> float:
    if peak <= 0:
        return 1.0
    raw = peak / 4
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return float(factor * magnitude)
    return float(10 * magnitude)
