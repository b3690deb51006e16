"""Charts of readings: inline SVG drawn at build time on metric and sheet pages, offline, escaped, light and dark."""

import datetime as dt
import re
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from stratdocs.readings.csvfile import Reading
from stratdocs.render import charts
from stratdocs.render.charts import ChartError, Line, metric_chart, sparkline, svg_of, thinned
from stratdocs.render.sanitize import sanitize

from conftest import MKDOCS_YML, build_site, write
from samples import SHEET, metric, with_metrics

HOSTILE = '<script>alert(1)</script> </svg><img src=x onerror=alert(2)> {: onclick=x} &amp; "q"'
HOSTILE_METRIC = f"""---
kind: metric
id: hostile-metric
title: '{HOSTILE} title'
status: active
owner: o
definition: d
unit: '{HOSTILE} unit'
direction: down
source: s
---
"""
SECOND_SHEET = (SHEET.replace("online-claim-completion", "second-sheet")
                .replace("metric: resume-link-usage", "metric: hostile-metric")
                .replace("metric: online-completion-rate", "metric: many-readings"))
THIRD_SHEET = SHEET.replace("online-claim-completion", "third-sheet").replace("resume-link-usage", "no-readings")
MKDOCS = MKDOCS_YML.replace("  - stratdocs\n", "  - stratdocs:\n      readings: data/readings\n")


def weekly(count: int, start: str = "2016-01-04", value=lambda i: 30 + (i % 17) * 0.5) -> str:
    first = dt.date.fromisoformat(start)
    return "date,value\n" + "".join(f"{first + dt.timedelta(weeks=i)},{value(i)}\n" for i in range(count))


READINGS = {
    "resume-link-usage.csv": ("date,value,note\n2026-10-26,10.2,\n2026-11-02,12.9,\n2026-11-09,12.9,\n"
                              "2026-11-16,16.3,email sent within a minute\n2026-11-23,18.9,\n"
                              "2026-12-07,30,after today\n"),
    "online-completion-rate.csv": "date,value\n2026-11-09,50.1\n2026-11-16,48.6\n",
    "hostile-metric.csv": f'date,value,note\n2026-11-09,7,"{HOSTILE.replace(chr(34), chr(34) * 2)} note"\n'
                          "2026-11-16,9,\n",
    "many-readings.csv": weekly(500, "2017-03-06"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("charts")
    write(root / "data" / "readings", READINGS)
    files = with_metrics({
        "sheet.md": SHEET, "second.md": SECOND_SHEET, "third.md": THIRD_SHEET,
        "metrics/hostile-metric.md": HOSTILE_METRIC,
        "metrics/many-readings.md": metric("many-readings"), "metrics/no-readings.md": metric("no-readings"),
    })
    result = build_site(root, files, mkdocs_yml=MKDOCS)
    assert result.returncode == 0, result.stderr
    return root / "site"


def page(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def rows(table) -> list[list[str]]:
    return [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.select("tbody tr")]


def test_a_metric_page_charts_its_readings_with_the_lines_set_for_it(site):
    soup = page(site, "metrics/resume-link-usage")
    svg = soup.select_one("article figure.sd-chart svg.sd-chart-svg")
    assert svg is not None and svg["role"] == "img" and svg["viewbox"].startswith("0 0 ")  # html.parser: lower case
    assert "Resume link usage: 5 readings from 2026-10-26 to 2026-11-23" in svg["aria-label"]
    assert len(svg.select(".sd_readings_marks path")) == 1 and len(svg.select(".sd_points_marks path")) == 5
    labels = [t.get_text() for t in svg.select(".sd_target_label_marks text, .sd_baseline_label_marks text")]
    assert sorted(labels) == ["baseline 0", "target 25"]  # the sheet's, in numbers
    caption = soup.select_one("figure.sd-chart figcaption")
    assert [li.get_text(" ", strip=True) for li in caption.select("li")] == [
        "baseline 0%: Claimants finish their claim online", "target 25%: Claimants finish their claim online",
        "threshold 20%: Claimants finish their claim online (stage gate: at least 20%)"]
    assert caption.select_one("a")["href"].endswith("sheet/")


def test_the_table_lists_the_latest_readings_newest_first_with_each_change(site):
    soup = page(site, "metrics/resume-link-usage")
    table = soup.select_one(".sd-readings table")
    assert table.caption.get_text() == "All 5 readings, newest first"
    assert rows(table) == [
        ["2026-11-23", "18.9%", "▲ +2.6 better", ""],
        ["2026-11-16", "16.3%", "▲ +3.4 better", "email sent within a minute"],
        ["2026-11-09", "12.9%", "= no change", ""],
        ["2026-11-02", "12.9%", "▲ +2.7 better", ""],
        ["2026-10-26", "10.2%", "first reading", ""]]
    assert "1 reading dated after 2026-11-23 not shown" in soup.select_one(".sd-later").get_text()
    assert soup.select_one(".sd-change--better [aria-hidden=true]").get_text() == "▲"  # the words carry it


def test_a_sheet_shows_each_signals_latest_value_change_and_trend(site):
    soup = page(site, "sheet")
    assert [th.get_text() for th in soup.select(".sd-signals thead th")][4:] == ["Latest", "Change", "Trend"]
    proxy, outcome = rows(soup.select_one(".sd-signals table"))
    assert proxy[4:6] == ["18.9% 2026-11-23", "▲ +2.6 better"]
    assert outcome[4:6] == ["48.6% 2026-11-16", "▼ -1.5 worse"]
    sparklines = soup.select(".sd-signals td svg.sd-sparkline")
    assert len(sparklines) == 2
    assert sparklines[0]["aria-label"] == ("Trend of the last 5 readings: 10.2 on 2026-10-26, 18.9 on 2026-11-23")
    assert len(re.findall(r"[ML]", sparklines[0].path["d"])) == 5


def test_a_metric_without_readings_says_how_to_add_them(site):
    soup = page(site, "metrics/no-readings")
    assert soup.select_one("svg.sd-chart-svg") is None
    text = soup.select_one(".sd-no-readings").get_text(" ", strip=True)
    assert "No readings yet" in text and "stratdocs readings add no-readings VALUE" in text


def test_a_signal_without_readings_says_so(site):
    soup = page(site, "third")
    first = rows(soup.select_one(".sd-signals table"))[0]
    assert first[1:] == ["No readings", "0", "25", "no readings", "—", ""]
    assert not soup.select(".sd-signals tbody tr")[0].select("svg")


def test_hostile_titles_units_and_notes_stay_text(site):
    soup = page(site, "metrics/hostile-metric")
    article = soup.select_one("article")
    assert not article.find_all(["script", "img", "iframe", "foreignobject"])
    assert not [el for el in soup.find_all(True) if any(a.lower().startswith("on") for a in el.attrs)]
    figure = article.select_one("figure.sd-chart")
    svg = figure.select_one("svg.sd-chart-svg")
    assert HOSTILE + " title" in svg["aria-label"]  # escaped into the attribute, read back as text
    assert HOSTILE + " unit" in [t.get_text() for t in svg.select("text")]  # the y axis title, as text
    assert svg.find_next_sibling("figcaption") is not None  # '</svg>' closed nothing early
    assert figure.find_next_sibling("div", class_="sd-readings") is not None
    notes = [row[3] for row in rows(article.select_one(".sd-readings table"))]
    assert notes == ["", HOSTILE + " note"]
    sheet_row = rows(page(site, "second").select_one(".sd-signals table"))[0]
    assert sheet_row[4] == f"9 {HOSTILE} unit 2026-11-16" and sheet_row[5] == "▲ +2 worse"


def test_charts_load_nothing_and_read_on_light_and_dark(site):
    for path in ("metrics/resume-link-usage", "metrics/many-readings", "metrics/hostile-metric", "sheet"):
        for svg in page(site, path).select("article svg.sd-chart-svg, article svg.sd-sparkline"):
            assert not svg.select("image, use, a, style, foreignobject, script")
            for el in [svg, *svg.find_all(True)]:
                for name, raw in el.attrs.items():
                    value = " ".join(raw) if isinstance(raw, list) else raw
                    assert "href" not in name and "url(" not in value and "//" not in value.replace(
                        "http://www.w3.org/2000/svg", ""), (path, el.name, name, value)
                    if name in ("fill", "stroke"):  # the page's text colour, none, or a line's mid-tone colour
                        assert value in {"currentColor", "none", "transparent"} | LINE_COLOURS, (path, name, value)
            assert not svg.select("path.background[fill]")  # no background of its own: the page's shows


LINE_COLOURS = {style["color"] for style in charts.LINE_STYLES.values()}


def test_a_metric_with_500_readings_renders_a_line_a_short_table_and_a_sparkline(site):
    soup = page(site, "metrics/many-readings")
    svg = soup.select_one("svg.sd-chart-svg")
    marks = svg.select(".sd_readings_marks path")
    assert len(marks) == 1 and not svg.select(".sd_points_marks")  # one line, no dot per reading
    assert len(re.findall(r"[ML]", marks[0]["d"])) == 500
    table = soup.select_one(".sd-readings table")
    assert table.caption.get_text() == "The latest 12 of 500 readings, newest first"
    assert len(rows(table)) == 12 and rows(table)[0][0] == "2026-09-28"
    spark = page(site, "second").select(".sd-signals svg.sd-sparkline")[-1]
    assert spark["aria-label"].startswith(f"Trend of the last {charts.SPARKLINE_READINGS} readings")


def readings(count: int, value=lambda i: float(i % 7)) -> list[Reading]:
    first = dt.date(2000, 1, 3)
    return [Reading(first + dt.timedelta(days=i), value(i)) for i in range(count)]


def test_long_series_are_thinned_keeping_extremes_and_the_last_reading():
    series = readings(5000, lambda i: 1000.0 if i == 1234 else -5.0 if i == 4321 else float(i % 7))
    kept = thinned(series)
    assert len(kept) <= charts.MAX_POINTS + 1 and kept[-1] is series[-1] and kept[0] is series[0]
    assert {r.value for r in kept} >= {1000.0, -5.0}
    assert [r.date for r in kept] == sorted(r.date for r in kept)
    assert thinned(series[:500]) == series[:500]


def test_a_chart_is_drawn_once_per_spec_in_a_session():
    spec = charts.chart_spec(readings(20), [Line("target", 9, "target 9")], "%")
    assert svg_of(spec) is svg_of(dict(spec))  # the second from the cache
    before = len(charts._cache)
    svg_of({**spec, "height": 120})
    assert len(charts._cache) == min(before + 1, charts.CACHE_SIZE)


def test_external_data_is_refused():
    spec = {"data": {"url": "https://example.org/readings.csv"}, "mark": "line",
            "encoding": {"x": {"field": "date", "type": "temporal"}}}
    with pytest.raises(ChartError, match="not allowed"):
        svg_of(spec)


def test_charts_draw_with_no_network_at_all():
    """In a network namespace of its own (root, as CI runs): no font, data or script is fetched."""
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-n", "true"], capture_output=True, check=False).returncode:
        pytest.skip("cannot make a network namespace here (needs root and unshare)")
    code = ("import datetime as dt; from stratdocs.readings.csvfile import Reading; "
            "from stratdocs.render.charts import metric_chart, Line; "
            "rs = [Reading(dt.date(2026, 1, d), float(d)) for d in range(1, 20)]; "
            "print(len(metric_chart(rs, [Line('target', 30, 'target 30')], 'calls', 'label')))")
    result = subprocess.run([unshare, "-n", sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0 and int(result.stdout) > 5000, result.stderr


def test_the_sanitiser_keeps_a_chart_exactly_and_strips_what_svg_could_load_or_run():
    svg = metric_chart(readings(30), [Line("baseline", 1, "baseline 1"), Line("target", 6, "target 6")], "%", "x")
    spark = sparkline(readings(30))

    def signature(html):
        return [(el.name, sorted(el.attrs.items())) for el in BeautifulSoup(html, "html.parser").find_all(True)]

    assert signature(sanitize(svg)) == signature(svg)
    assert signature(sanitize(spark)) == signature(spark)
    evil = ('<svg><g fill="url(https://evil.example/p.svg#a)" stroke="\\75 rl(https://evil.example/)">'
            '<text x="1" font-family="a;b:url(x)">t</text><circle r="1" clip-path="url(#c)" '
            'transform="translate(1,2) url(x)" onclick="alert(1)"/><line x1="0" style="fill:url(x)"/>'
            '<image href="https://evil.example/i.png"/><use href="#a"/><set attributeName="fill" to="red"/>'
            '<animate attributeName="href" to="javascript:alert(1)"/><foreignObject><p>x</p></foreignObject>'
            '<a href="javascript:alert(1)"><text>y</text></a></g></svg>')
    clean = sanitize(evil)
    assert "url(" not in clean and "evil" not in clean and "javascript" not in clean and "onclick" not in clean
    soup = BeautifulSoup(clean, "html.parser")
    assert not soup.select("image, use, set, animate, foreignobject")
    assert soup.select_one("text")["x"] == "1" and soup.select_one("circle")["r"] == "1"
