"""Inline SVG plots: no script, no external asset; every label is escaped text.

* ``estimates_svg``: the estimates of one disputed quantity, one range bar per source.
* ``certainty_svg``: claims per outlet, stacked by certainty.
* ``timeline_svg``: dated mentions on one axis, uncertain dates drawn as intervals.
* ``map_svg``: places on the packaged base map, the mark's size showing the precision.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from markupsafe import Markup, escape

from claimgraph.report.basemap import project, world_path

CERTAINTY_COLOURS = {
    "asserted": "#2b6cb0",
    "reported": "#4299e1",
    "expected": "#38a169",
    "predicted": "#68d391",
    "possible": "#d69e2e",
    "rumored": "#dd6b20",
    "denied": "#c53030",
}
LABEL_WIDTH = 230
PLOT_WIDTH = 420
ROW = 22
TIMELINE_ROWS = 80  # more rows than this stay in the table below the plot
# Mark radius in degrees by geocoding precision: a country is a wide, faint disc; a facility a dot.
PRECISION_RADIUS = {
    "country": 4.0,
    "admin1": 2.0,
    "admin2": 1.2,
    "city": 0.6,
    "district": 0.5,
    "facility": 0.35,
    "point": 0.35,
}


def _svg(width: float, height: float, body: list[str], label: str, view_box: str | None = None) -> Markup:
    box = view_box or f"0 0 {width:g} {height:g}"
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box}" width="{width:g}" height="{height:g}" '
        f'role="img" aria-label="{escape(label)}">' + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: float = 12, cls: str = "") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size:g}"'
        + (f' class="{cls}"' if cls else "")
        + f">{escape(text)}</text>"
    )


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def estimates_svg(bars: list[dict[str, Any]], about: str) -> Markup:
    """One range bar per estimate; an open end ("up to", "over") fades out towards the axis end."""
    values = [v for b in bars for v in (b["low"], b["high"]) if v is not None]
    top = max(values) * 1.15 or 1.0
    scale = PLOT_WIDTH / top
    height = ROW * len(bars) + 30
    body = []
    for i, bar in enumerate(bars):
        y = ROW * i + 4
        low = bar["low"] if bar["low"] is not None else 0.0
        high = bar["high"] if bar["high"] is not None else top
        x0, x1 = LABEL_WIDTH + low * scale, LABEL_WIDTH + high * scale
        open_end = bar["low"] is None or bar["high"] is None
        body.append(f'<a href="#{escape(bar["anchor"])}"><title>{escape(bar["text"])}</title>')
        body.append(_text(LABEL_WIDTH - 6, y + 13, _short(bar["label"]), anchor="end"))
        body.append(
            f'<rect x="{x0:.1f}" y="{y + 3}" width="{max(x1 - x0, 3):.1f}" height="12" '
            f'class="{"bar open" if open_end else "bar"}"/></a>'
        )
    axis_y = ROW * len(bars) + 8
    body.append(
        f'<line x1="{LABEL_WIDTH}" y1="{axis_y}" x2="{LABEL_WIDTH + PLOT_WIDTH}" y2="{axis_y}" class="axis"/>'
    )
    for k in range(5):
        value = top * k / 4
        body.append(
            _text(LABEL_WIDTH + value * scale, axis_y + 16, f"{value:,.0f}", anchor="middle", size=10)
        )
    return _svg(LABEL_WIDTH + PLOT_WIDTH + 30, height + 6, body, f"Estimates: {about}")


def certainty_svg(counts: dict[str, Counter]) -> Markup:
    """Claims per outlet, each bar stacked by certainty, with a legend."""
    if not counts:
        return Markup("")
    outlets = sorted(counts, key=lambda o: -sum(counts[o].values()))
    most = max(sum(c.values()) for c in counts.values()) or 1
    body = []
    for i, outlet in enumerate(outlets):
        y = ROW * i + 4
        body.append(_text(LABEL_WIDTH - 6, y + 13, _short(outlet), anchor="end"))
        x = float(LABEL_WIDTH)
        for certainty, colour in CERTAINTY_COLOURS.items():
            n = counts[outlet].get(certainty, 0)
            if n:
                width = PLOT_WIDTH * n / most
                body.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="14" fill="{colour}">'
                    f"<title>{escape(outlet)}: {n} {certainty}</title></rect>"
                )
                x += width
        body.append(_text(x + 4, y + 14, str(sum(counts[outlet].values())), size=10))
    legend_y = ROW * len(outlets) + 14
    for j, (certainty, colour) in enumerate(CERTAINTY_COLOURS.items()):
        x = LABEL_WIDTH + j * 62
        body.append(f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>')
        body.append(_text(x + 13, legend_y, certainty, size=10))
    return _svg(LABEL_WIDTH + PLOT_WIDTH + 40, legend_y + 8, body, "Claims per outlet and certainty")


def timeline_svg(rows: list[dict[str, Any]]) -> Markup:
    """Each dated mention on one calendar axis: a dot for a day, a bar for a longer interval,
    several bars joined by a dashed line for alternatives ("July or August")."""
    rows = rows[:TIMELINE_ROWS]
    if not rows:
        return Markup("")
    days = [dt.date.fromisoformat(d) for r in rows for iv in r["intervals"] for d in iv]
    first, last = min(days), max(days) + dt.timedelta(days=1)
    span = max((last - first).days, 1)

    def x(day: str, end: bool = False) -> float:
        return LABEL_WIDTH + PLOT_WIDTH * ((dt.date.fromisoformat(day) - first).days + end) / span

    body = []
    for i, row in enumerate(rows):
        y = ROW * i + 4
        body.append(
            f'<a href="#{escape(row["anchor"])}"><title>{escape(row["text"])} = {escape(row["value"])}'
            f" ({escape(row['outlet'])})</title>"
        )
        body.append(_text(LABEL_WIDTH - 6, y + 13, _short(f"{row['text']} · {row['outlet']}"), anchor="end"))
        starts = []
        for low, high in row["intervals"]:
            x0, x1 = x(low), x(high, end=True)
            starts.append((x0, x1))
            if low == high:
                body.append(f'<circle cx="{(x0 + x1) / 2:.1f}" cy="{y + 9}" r="4" class="day"/>')
            else:
                body.append(
                    f'<rect x="{x0:.1f}" y="{y + 4}" width="{max(x1 - x0, 2):.1f}" height="10" '
                    f'class="interval"/>'
                )
        if len(starts) > 1:
            body.append(
                f'<line x1="{starts[0][1]:.1f}" y1="{y + 9}" x2="{starts[-1][0]:.1f}" y2="{y + 9}" '
                f'class="alternative"/>'
            )
        body.append("</a>")
    axis_y = ROW * len(rows) + 8
    body.append(
        f'<line x1="{LABEL_WIDTH}" y1="{axis_y}" x2="{LABEL_WIDTH + PLOT_WIDTH}" y2="{axis_y}" class="axis"/>'
    )
    for k in range(5):
        day = first + dt.timedelta(days=span * k // 4)
        body.append(
            _text(LABEL_WIDTH + PLOT_WIDTH * k / 4, axis_y + 16, day.isoformat(), anchor="middle", size=10)
        )
    return _svg(LABEL_WIDTH + PLOT_WIDTH + 40, axis_y + 24, body, "Timeline")


def map_svg(places: list[dict[str, Any]], *, width: int = 680) -> Markup:
    """The places over the packaged country outlines, framed on where they are."""
    if not places:
        return Markup("")
    points = [project(p["lat"], p["lon"]) for p in places]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    # Frame the places with a margin, at least 30 degrees wide so a single city has context.
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    w = max(max(xs) - min(xs) + 16, 30.0)
    h = max(max(ys) - min(ys) + 12, w / 2)
    w = max(w, h * 2)
    x0, y0 = max(0.0, min(cx - w / 2, 360 - w)), max(0.0, min(cy - h / 2, 180 - h))
    w, h = min(w, 360.0), min(h, 180.0)
    unit = w / 120  # keeps marks and labels the same size on screen whatever the zoom
    body = [
        f'<rect x="0" y="0" width="360" height="180" class="sea"/><path d="{world_path()}" class="land"/>'
    ]
    for lon in range(-180, 181, 10):
        body.append(f'<line x1="{lon + 180}" y1="0" x2="{lon + 180}" y2="180" class="graticule"/>')
    for lat in range(-90, 91, 10):
        body.append(f'<line x1="0" y1="{90 - lat}" x2="360" y2="{90 - lat}" class="graticule"/>')
    for place, (px, py) in zip(places, points, strict=True):
        level = place.get("level") or "unknown"
        radius = PRECISION_RADIUS.get(level, 1.0)
        title = (
            f"{place['name']}: {place['lat']:.2f}, {place['lon']:.2f}, precision {level}, ×{place['count']}"
        )
        body.append(
            f'<a href="#{escape(place["anchors"][0])}"><title>{escape(title)}</title>'
            f'<circle cx="{px:.2f}" cy="{py:.2f}" r="{max(radius, 0.35 * unit):.2f}" '
            f'class="place level-{escape(level)}" stroke-width="{0.15 * unit:.2f}"/>'
            f'<text x="{px + 0.9 * unit:.2f}" y="{py - 0.6 * unit:.2f}" font-size="{2.2 * unit:.2f}">'
            f"{escape(place['name'])}</text></a>"
        )
    height = width * h / w
    return _svg(width, round(height), body, "Map of places", view_box=f"{x0:.1f} {y0:.1f} {w:.1f} {h:.1f}")
