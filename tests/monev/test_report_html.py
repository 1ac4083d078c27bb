"""Structure of the HTML report: self-contained, accessible, and safe with hostile data."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup

from lapor_sdk import lifecycle
from lapor_sdk.models import Complaint, Location, Privacy, Role
from lapor_sdk.monev import CONFIDENTIAL_EXCERPT, compute_monev, render_html, sample_complaints
from lapor_sdk.sla import WorkingCalendar

WIB = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2025, 2, 21, 17, 0, tzinfo=WIB)
EVIL_UNIT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
EVIL_REGION = "Kota \"Jahat\" <svg onload=alert(2)> & 'co'"
EVIL_TEXT = "<a href='https://evil.example/'>klik</a> akan kami tindak lanjuti"


@pytest.fixture(scope="module")
def page(small: list[Complaint], calendar: WorkingCalendar) -> BeautifulSoup:
    return BeautifulSoup(
        render_html(compute_monev(small, now=NOW, calendar=calendar)), "html.parser"
    )


def _hostile(calendar: WorkingCalendar) -> str:
    complaints = []
    for n in range(4):
        t = dt.datetime(2025, 2, 3 + n, 9, 0, tzinfo=WIB)
        c = lifecycle.create(
            title="Uji", description="Uji", created_at=t, tracking_id=f"EVIL-{n}",
            location=Location(region_name=EVIL_REGION), category=EVIL_UNIT,
        )  # fmt: skip
        c = lifecycle.verify(
            c, by=Role.AGENCY_ADMIN, at=t + dt.timedelta(hours=1), agency=EVIL_UNIT,
            unit=EVIL_UNIT,
        )  # fmt: skip
        c = lifecycle.follow_up(c, at=t + dt.timedelta(hours=2), text=EVIL_TEXT, final=True)
        complaints.append(c)
    report = compute_monev(complaints, now=NOW, calendar=calendar)
    return render_html(report, title="Monev <b>uji</b>")


def test_document_is_indonesian_and_responsive(page: BeautifulSoup) -> None:
    assert page.html is not None and page.html["lang"] == "id"
    viewport = page.find("meta", attrs={"name": "viewport"})
    assert viewport is not None and "width=device-width" in str(viewport["content"])
    assert page.find("meta", attrs={"charset": "utf-8"}) is not None
    assert page.title is not None and page.title.string


def test_four_charts_with_text_alternatives(page: BeautifulSoup) -> None:
    charts = page.find_all("svg")
    assert len(charts) == 4  # trend, on-time per unit, follow-up per kab/kota, satisfaction
    for svg in charts:
        assert svg["role"] == "img"
        # The title names the chart, the description states its figures (a screen reader
        # does not reach the bars' own tooltips inside an image).
        title = svg.find("title", id=str(svg["aria-labelledby"]))
        desc = svg.find("desc", id=str(svg["aria-describedby"]))
        assert title is not None and title.get_text(strip=True)
        assert desc is not None and "Rinciannya sebagai berikut. " in desc.get_text()
        for bar in svg.find_all("title", id=False):
            label, _, value = bar.get_text().rpartition(": ")
            assert value in desc.get_text() and label.split(" — ")[0] in desc.get_text()
        # Each chart sits in a figure followed by the table of the figures behind it.
        figure = svg.find_parent("figure")
        assert figure is not None and figure.figcaption is not None
        assert figure.find_next("table") is not None


def test_chart_titles_name_what_they_show(page: BeautifulSoup) -> None:
    titles = [str(svg.find("title")) for svg in page.find_all("svg")]
    assert any("per minggu" in t for t in titles)
    assert any("per unit" in t for t in titles)
    assert any("kabupaten/kota" in t for t in titles)
    assert any("Kepuasan" in t for t in titles)


def test_tables_have_captions_and_scoped_headers(page: BeautifulSoup) -> None:
    tables = page.find_all("table")
    assert len(tables) >= 10
    for table in tables:
        assert table.caption is not None and table.caption.get_text(strip=True)
        headers = table.find_all("th")
        assert headers and all(th.get("scope") in ("col", "row") for th in headers)
        assert table.thead is not None and table.tbody is not None


def test_figures_of_the_small_data_set_appear(page: BeautifulSoup) -> None:
    text = page.get_text(" ")
    assert "70,0 %" in text  # follow-up rate 7/10
    assert "53,3" in text  # satisfaction index
    assert "Dinas PU Kota Malang" in text
    assert "LAPOR-2025-000003" in text  # a flagged normative follow-up


def test_no_external_resources_or_scripts(page: BeautifulSoup) -> None:
    assert page.find("script") is None
    assert page.find("link") is None
    for tag in page.find_all(src=True):
        raise AssertionError(f"unexpected src on <{tag.name}>")
    for tag in page.find_all(href=True):
        assert str(tag["href"]).startswith("#"), tag
    # The SVG namespace is an identifier, not something fetched.
    html = str(page).replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "http://" not in html and "https://" not in html
    # url(#…) names a stripe pattern inside the same SVG; nothing else may be referenced.
    assert re.search(r"url\((?!#[\w-]+\))", html) is None and "@import" not in html


def test_hostile_names_are_escaped(calendar: WorkingCalendar) -> None:
    html = _hostile(calendar)
    assert "<script" not in html
    assert "<img" not in html
    assert "<svg onload" not in html
    assert "<a href" not in html
    assert "&lt;script&gt;" in html
    assert "<b>uji</b>" not in html and "Monev &lt;b&gt;uji&lt;/b&gt;" in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None
    assert not soup.find_all(href=lambda h: h is not None and not h.startswith("#"))
    # The escaped names still read correctly as text.
    assert EVIL_UNIT in soup.get_text()
    assert EVIL_REGION in soup.get_text()


class _Balance(HTMLParser):
    VOID = frozenset({"meta", "br"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


def test_markup_is_well_nested(small: list[Complaint], calendar: WorkingCalendar) -> None:
    html = render_html(compute_monev(sample_complaints(120, seed=5), now=NOW, calendar=calendar))
    checker = _Balance()
    checker.feed(html)
    assert checker.errors == []
    assert checker.stack == []


def test_empty_report_renders(calendar: WorkingCalendar) -> None:
    soup = BeautifulSoup(render_html(compute_monev([], now=NOW, calendar=calendar)), "html.parser")
    assert "Belum ada data." in soup.get_text()
    assert len(soup.find_all("svg")) == 4


def test_confidential_report_answers_are_not_shown(calendar: WorkingCalendar) -> None:
    t = dt.datetime(2025, 2, 3, 9, 0, tzinfo=WIB)
    secret = "Terima kasih, akan kami tindak lanjuti laporan tentang Kepala Sekolah Budi."
    c = lifecycle.create(
        title="Pungli", description="…", created_at=t, tracking_id="RAHASIA-1",
        privacy=Privacy.CONFIDENTIAL,
    )  # fmt: skip
    c = lifecycle.verify(c, by=Role.AGENCY_ADMIN, at=t, agency="Inspektorat", unit="Irban I")
    c = lifecycle.follow_up(c, at=t + dt.timedelta(hours=1), text=secret, final=True)
    report = compute_monev([c], now=NOW, calendar=calendar)
    assert [q.excerpt for q in report.flagged_follow_ups] == [CONFIDENTIAL_EXCERPT]
    assert report.flagged_follow_ups[0].finding.normative
    html = render_html(report)
    assert "Budi" not in html and "Budi" not in report.to_json()
    assert "RAHASIA-1" in html  # still counted and traceable by tracking id


def test_periods_are_indonesian_dates_not_week_codes(page: BeautifulSoup) -> None:
    # The small set spans ISO weeks 6–8 of 2025: Monday 3 to Sunday 23 February.
    meta = page.find("p", class_="meta")
    assert meta is not None and "periode 3–23 Feb 2025" in meta.get_text()
    text = page.get_text(" ")
    assert "3–9 Feb 2025" in text and "17–23 Feb 2025" in text
    assert "W06" not in text and "2025-W" not in text


_ENGLISH = {
    "the", "only", "no", "action", "template", "promise", "asks", "says", "acknowledges",
    "forwarded", "office", "empty", "concrete", "result", "e-mail", "generic", "receipt",
    "taken", "patient", "detail", "thanks",
}  # fmt: skip


def test_text_is_indonesian_without_english_in_brackets(calendar: WorkingCalendar) -> None:
    complaints = sample_complaints(300, seed=1)
    now = dt.datetime(2025, 3, 7, 17, 0, tzinfo=WIB)
    text = BeautifulSoup(
        render_html(compute_monev(complaints, now=now, calendar=calendar)), "html.parser"
    ).get_text(" ")
    for inside in re.findall(r"\(([^()]{1,80})\)", text):
        assert not set(re.findall(r"[a-z-]+", inside.lower())) & _ENGLISH, inside


def test_ranking_says_how_small_units_are_adjusted(page: BeautifulSoup) -> None:
    section = page.find("section", attrs={"aria-labelledby": "h-peringkat"})
    assert section is not None
    note = section.get_text(" ")
    assert "ditarik ke angka seluruh laporan" in note
    assert "10 laporan tambahan" in note
    assert "sedikitnya 5 laporan" in note
    assert "3 unit dan 1 kabupaten/kota belum cukup laporannya" in note
    assert "Skor tanpa penyesuaian" in note
