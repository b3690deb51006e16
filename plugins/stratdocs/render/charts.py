"""Charts of a metric's readings, drawn at build time as inline SVG: nothing loads in the browser.

The metric chart is a Vega-Lite spec (a plain dict) turned into SVG by vl-convert, which runs
Vega in an embedded engine with no network: data is inline and external URLs are refused
(`allowed_base_urls=[]`); it measures text with the machine's fonts and fetches none (checked under
strace: no connect() at all; tests draw one in a network namespace with no network). Measured on a
2-core machine, once warm: 40-60 ms a chart (12 to 5,000 readings, with its reference lines), 0.5 s
for the first one (the engine starting); vl-convert draws one chart at a time, threads or not. So
each SVG is cached in memory by its spec's hash for the build or `serve` session, and a sheet's
sparklines are a few lines of Python (about 30 µs each): a sparkline has no axis or text to lay
out, and a site with a thousand sheets would otherwise spend minutes on them.

Colours read on a light page and on Material's dark (slate) one: readings and axes are drawn in
`currentColor` (the page's text colour), the background is transparent, and each reference line
has a mid-tone colour with at least 3:1 contrast on both, its own dash pattern and a text label,
so colour is never the only cue. User text (the unit, on the y axis) is escaped by Vega's SVG
writer; the label on the root element is escaped here.

The SVG goes into the page inline, not as an <img> of a data: URL: only inline SVG takes the page's
text colour, and so the dark scheme. The page sanitiser (sanitize.py) lets SVG shapes and text
through with values that cannot spell url(...), and nothing that loads, links or runs.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import vl_convert

from ..readings.csvfile import Reading, number_text
from .html import esc

WIDTH, HEIGHT = 640, 220  # the plot's size; the SVG scales down to the page's width (stratdocs.css)
MAX_POINTS = 600  # about one per pixel: longer series are thinned, keeping each stretch's low and high
POINT_MARKS = 60  # up to this many readings, each is marked with a dot as well as joined by the line
SPARKLINE_READINGS = 26  # half a year of weekly readings: a trend, not the history
CACHE_SIZE = 2048  # charts kept per session (about 15 KB each)


@dataclass(frozen=True)
class Line:
    """A horizontal reference line on a metric's chart."""

    role: str  # a key of LINE_STYLES
    value: float
    label: str  # drawn beside the line; numbers and our own words only, e.g. "target 25"


# Mid-tone colours with >= 3:1 contrast on white and on Material's slate background (#1e2029).
LINE_STYLES = {
    "baseline": {"color": "#858585", "strokeDash": [2, 3]},
    "target": {"color": "#1f9d55", "strokeDash": [6, 4]},
    "threshold": {"color": "#d9534f", "strokeDash": [8, 3, 2, 3]},  # gates and guardrails (a later issue)
}

CONFIG = {
    "aria": False,  # no label per point: the table of readings beside the chart is its text alternative
    "background": None,  # transparent: the page's own background shows, light or dark
    "view": {"stroke": None},
    "font": "sans-serif",
    "axis": {"labelColor": "currentColor", "titleColor": "currentColor", "domainColor": "currentColor",
             "tickColor": "currentColor", "gridColor": "currentColor", "gridOpacity": 0.15,
             "titleFontWeight": "normal", "labelFontSize": 11, "titleFontSize": 11},
}


class ChartError(Exception):
    """vl-convert could not draw a spec (never expected of ours: said on the page, not raised to the build)."""


def metric_chart(readings: Sequence[Reading], lines: Sequence[Line], unit: str | None, label: str) -> str:
    """The readings over time with the reference lines, as one line of inline SVG labelled for screen readers."""
    return with_root(svg_of(chart_spec(readings, lines, unit)), label)


def chart_spec(readings: Sequence[Reading], lines: Sequence[Line], unit: str | None) -> dict:
    points = thinned(readings)
    data = [{"date": r.date.isoformat(), "value": r.value} for r in points]
    x = {"field": "date", "type": "temporal", "title": None, "scale": {"type": "utc"}}  # the same in every time zone
    y = {"field": "value", "type": "quantitative", "title": unit or None, "scale": {"zero": False, "nice": True}}
    readings_data = {"values": data}
    layers: list[dict] = [{"name": "sd_readings", "data": readings_data, "encoding": {"x": x, "y": y},
                           "mark": {"type": "line", "color": "currentColor", "strokeWidth": 2}}]
    if len(points) <= POINT_MARKS:
        layers.append({"name": "sd_points", "data": readings_data, "encoding": {"x": x, "y": y},
                       "mark": {"type": "point", "filled": True, "color": "currentColor", "size": 24, "opacity": 1}})
    for role, style in LINE_STYLES.items():
        drawn = [{"value": line.value, "label": line.label} for line in lines if line.role == role]
        if drawn:
            layers.extend(line_layers(role, style, drawn))
    return {"width": WIDTH, "height": HEIGHT, "config": CONFIG, "layer": layers}


def line_layers(role: str, style: dict, drawn: list[dict]) -> list[dict]:
    """A rule across the plot at each value, and its label at the right end, just above it."""
    y = {"field": "value", "type": "quantitative"}
    return [
        {"name": f"sd_{role}", "data": {"values": drawn}, "encoding": {"y": y},
         "mark": {"type": "rule", "color": style["color"], "strokeDash": style["strokeDash"], "strokeWidth": 1.5}},
        {"name": f"sd_{role}_label", "data": {"values": drawn}, "encoding": {"y": y, "text": {"field": "label"}},
         "mark": {"type": "text", "x": "width", "align": "right", "baseline": "bottom", "dy": -2,
                  "color": style["color"], "fontSize": 11}},
    ]


def thinned(readings: Sequence[Reading], limit: int = MAX_POINTS) -> Sequence[Reading]:
    """At most about `limit` readings: in each stretch, its lowest and highest (spikes stay), and always the last."""
    if len(readings) <= limit:
        return readings
    size = math.ceil(len(readings) / (limit // 2))
    kept: list[Reading] = []
    for start in range(0, len(readings), size):
        stretch = readings[start:start + size]
        low = min(stretch, key=lambda r: r.value)
        high = max(stretch, key=lambda r: r.value)
        kept.extend([low] if low is high else sorted((low, high), key=lambda r: r.date))
    if kept[-1] is not readings[-1]:
        kept.append(readings[-1])
    return kept


_cache: OrderedDict[str, str] = OrderedDict()  # spec hash -> SVG, least recently used first


def svg_of(spec: dict) -> str:
    """The spec drawn as SVG, from the session's cache when the same spec was drawn before."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    key = hashlib.sha256(text.encode()).hexdigest()
    svg = _cache.get(key)
    if svg is not None:
        _cache.move_to_end(key)
        return svg
    try:
        svg = vl_convert.vegalite_to_svg(text, allowed_base_urls=[])  # no URL at all: data is inline
    except ValueError as err:
        raise ChartError(_reason(str(err))) from None
    _cache[key] = svg
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return svg


def _reason(message: str) -> str:
    """vl-convert's error line ('Error: External data url not allowed: ...'), without its JavaScript stack."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return next((line for line in lines if line.startswith("Error")), lines[0] if lines else "vl-convert failed")


_ROOT = re.compile(r'\A<svg\b[^>]*?\bwidth="([0-9.]+)"[^>]*?\bheight="([0-9.]+)"[^>]*>')


def with_root(svg: str, label: str) -> str:
    """Our own root element (class, size, role and escaped label) on one line, as page blocks need."""
    match = _ROOT.match(svg)
    if match is None:
        raise ChartError("vl-convert returned no <svg> root")
    width, height = match.groups()
    root = (f'<svg xmlns="http://www.w3.org/2000/svg" class="sd-chart-svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(label)}">')
    return root + svg[match.end():].replace("\n", " ")


def sparkline(readings: Sequence[Reading], width: int = 96, height: int = 24) -> str:
    """The last readings' trend as a small inline SVG: a line and a dot on the latest. Empty under two readings."""
    shown = readings[-SPARKLINE_READINGS:]
    if len(shown) < 2:
        return ""
    xs = _scaled([(r.date - shown[0].date).days for r in shown], 2, width - 2)
    ys = _scaled([-r.value for r in shown], 2, height - 2)  # SVG's y grows downwards
    path = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    first, last = shown[0], shown[-1]
    label = (f"Trend of the last {len(shown)} readings: {number_text(first.value)} on {first.date.isoformat()}, "
             f"{number_text(last.value)} on {last.date.isoformat()}")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="sd-sparkline" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(label)}">'
            f'<path d="{path}" fill="none" stroke="currentColor" stroke-width="1.5"/>'
            f'<circle cx="{xs[-1]:.1f}" cy="{ys[-1]:.1f}" r="2.5" fill="currentColor"/></svg>')


def _scaled(values: Sequence[float], low: float, high: float) -> list[float]:
    """Values mapped onto [low, high]; all in the middle when they do not vary."""
    least, most = min(values), max(values)
    if most == least:
        return [(low + high) / 2] * len(values)
    return [low + (v - least) * (high - low) / (most - least) for v in values]
