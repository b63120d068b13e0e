"""Offline maps: Natural Earth layers committed under ``data/geo`` drawn with shapely + matplotlib.

Nothing here downloads anything: the base layers are the GeoJSON files in ``data/geo``
(Natural Earth 1:50m, public domain) and the points come from ``data/gazetteer.csv``.
Coordinates are plotted as longitude/latitude with the aspect ratio corrected for the
map's middle latitude. Russia's polygon (and the Bering Strait) cross the 180° meridian:
every part lying wholly west of -90° is shifted by +360°, so maps run continuously
eastward past 180° instead of flooding the Pacific with land.
"""

from __future__ import annotations

import json
import math
from functools import cache

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from shapely.affinity import translate
from shapely.geometry import LineString, MultiPolygon, Polygon, box, shape

from heilongjiang_russia import paths
from heilongjiang_russia.data.places import MODES

COUNTRIES = paths.GEO / "countries_eurasia_50m.geojson"
RIVERS = paths.GEO / "rivers_northeast_asia_50m.geojson"
LAKES = paths.GEO / "lakes_northeast_asia_50m.geojson"
PROVINCE = paths.GEO / "heilongjiang_admin1_50m.geojson"  # Natural Earth 1:50m admin-1, CN-HL only

# (west, east, south, north) in degrees; east may exceed 180 (see module docstring)
EXTENTS = {
    "northeast_asia": (114.0, 142.0, 38.0, 55.0),
    "heilongjiang": (116.5, 138.0, 42.0, 54.5),
    "eurasia": (0.0, 195.0, 20.0, 75.0),
}

LAND = {"China": "#F3E3C3", "Russia": "#E4EBD7"}
OTHER_LAND = "#EDEDED"
WATER = "#D6EAF8"
RIVER = "#4A90C2"

# colour (Okabe-Ito), line style, width for each mode: colour and dash pattern both tell modes apart
MODE_STYLE = {
    "land_sea": ("#0072B2", "-", 2.0),
    "railway": ("#000000", "-", 1.8),
    "highway": ("#E69F00", "-", 1.8),
    "water": ("#56B4E9", "--", 2.2),
    "aviation": ("#CC79A7", ":", 2.0),
    "pipeline": ("#D55E00", "-.", 2.0),
    "grid": ("#B59F00", (0, (5, 1, 1, 1, 1, 1)), 1.8),
    "cable": ("#009E73", (0, (1, 1)), 2.0),
    "belt": ("#D55E00", "-", 2.4),
    "ring": ("#0072B2", "--", 2.0),
}


def unwrap_lon(lon: float) -> float:
    """A longitude west of -90° moved east by 360° (Chukotka, the Bering Strait)."""
    return lon + 360.0 if lon < -90.0 else lon


def _unwrap(geom):
    if isinstance(geom, Polygon):
        return translate(geom, 360.0) if geom.bounds[2] < -90.0 else geom
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([_unwrap(p) for p in geom.geoms])
    if geom.bounds[2] < -90.0:
        return translate(geom, 360.0)
    return geom


@cache
def _layer(path: str) -> tuple:
    with open(path, encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    out = []
    for feat in features:
        props = {k.lower(): v for k, v in feat["properties"].items()}
        out.append((props, _unwrap(shape(feat["geometry"]))))
    return tuple(out)


def countries():
    return _layer(str(COUNTRIES))


def rivers():
    return _layer(str(RIVERS))


def lakes():
    return _layer(str(LAKES))


def province():
    """Heilongjiang's boundary polygon (Natural Earth 1:50m admin-1, feature CN-HL)."""
    return _layer(str(PROVINCE))[0][1]


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#rrggbb`` colours (1 to 21; 3 is the minimum for graphics)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _patches(ax, geom, **style):
    polys = geom.geoms if hasattr(geom, "geoms") else [geom]
    for poly in polys:
        if isinstance(poly, Polygon) and not poly.is_empty:
            x, y = poly.exterior.xy
            ax.fill(x, y, **style)


def _lines(ax, geom, **style):
    parts = geom.geoms if hasattr(geom, "geoms") else [geom]
    for part in parts:
        if isinstance(part, LineString) and not part.is_empty:
            x, y = part.xy
            ax.plot(x, y, **style)


def base_map(extent=EXTENTS["northeast_asia"], *, figsize=(7.5, 6.0), rivers_on: bool = True, country_labels=None):
    """A figure with land, borders, lakes and (optionally) rivers inside ``extent``."""
    west, east, south, north = extent
    frame = box(west, south, east, north)
    fig, ax = plt.subplots(figsize=figsize)
    ax.set_facecolor(WATER)
    for props, geom in countries():
        clipped = geom.intersection(frame)
        if clipped.is_empty:
            continue
        name = props.get("name_en") or props.get("name")
        _patches(ax, clipped, facecolor=LAND.get(name, OTHER_LAND), edgecolor="#555555", linewidth=0.6, zorder=1)
    if rivers_on:
        for _, geom in rivers():
            clipped = geom.intersection(frame)
            if not clipped.is_empty:
                _lines(ax, clipped, color=RIVER, linewidth=0.9, zorder=2)
    for _, geom in lakes():
        clipped = geom.intersection(frame)
        if not clipped.is_empty:
            _patches(ax, clipped, facecolor=WATER, edgecolor=RIVER, linewidth=0.5, zorder=2)
    for text, (x, y) in (country_labels or {}).items():
        ax.text(x, y, text, fontsize=11, color="#666666", style="italic", ha="center", zorder=3)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1.0 / math.cos(math.radians((south + north) / 2)))
    ax.grid(False)
    ax.set_xlabel("Longitude (°E)")
    ax.set_ylabel("Latitude (°N)")
    return fig, ax


def xy(place_id: str, gaz: pd.DataFrame):
    """(lon, lat) of a place, longitude unwrapped; None if the gazetteer has no coordinate."""
    row = gaz.loc[place_id]
    if pd.isna(row["lat"]) or pd.isna(row["lon"]):
        return None
    return unwrap_lon(float(row["lon"])), float(row["lat"])


def _inside(point, extent) -> bool:
    west, east, south, north = extent
    return west <= point[0] <= east and south <= point[1] <= north


def _label_places(ax, ids, gaz, extent, offsets=None, fontsize=7.5):
    offsets = offsets or {}
    for pid in ids:
        point = xy(pid, gaz)
        if point is None or not _inside(point, extent):
            continue
        dx, dy, ha = offsets.get(pid, (0.25, 0.15, "left"))
        ax.text(
            point[0] + dx,
            point[1] + dy,
            gaz.loc[pid, "name_en"],
            fontsize=fontsize,
            ha=ha,
            zorder=6,
            bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.7},
        )


# label positions (dx, dy, alignment) for places that sit close together
OFFSETS = {
    "Heihe": (-0.25, 0.15, "right"),
    "Blagoveshchensk": (0.25, 0.25, "left"),
    "Dongning": (-0.25, -0.45, "right"),
    "Suifenhe": (0.25, -0.05, "left"),
    "Vladivostok": (-0.25, -0.45, "right"),
    "Nakhodka": (0.25, -0.35, "left"),
    "Daqing": (-0.25, -0.45, "right"),
    "Suihua": (0.25, 0.15, "left"),
    "Jiamusi": (-0.25, 0.2, "right"),
    "Shuangyashan": (0.25, -0.35, "left"),
    "Hulin": (0.25, -0.1, "left"),
    "Mishan": (-0.25, -0.4, "right"),
    "Fuyuan": (-0.3, 0.15, "right"),
    "Bolshoy_Ussuriysky_Island": (0.25, 0.3, "left"),
    "Khabarovsk": (0.25, -0.2, "left"),
    "Mudanjiang": (-0.25, -0.45, "right"),
}


# The locator map's markers: each keeps a 3:1 contrast against every colour it can sit on
# (the province, the rest of China, Russia, water) and the white card the figure sits on
PROVINCE_FILL = "#EFD39E"
PROVINCE_EDGE = "#8B5A00"
LOCATOR_MARKERS = {"hub": "#B34700", "China": "#000000", "Russia": "#0060A0"}


def locator_map(gaz: pd.DataFrame, places_shown, *, extent=EXTENTS["heilongjiang"], hub: str = "Harbin"):
    """Heilongjiang (its Natural Earth admin-1 boundary) and the Russian Far East: border rivers,
    the named places, an inset of Eurasia. A place outside the province, such as Manzhouli in
    Inner Mongolia, falls visibly outside the outlined polygon."""
    fig, ax = base_map(
        extent,
        figsize=(7.5, 6.8),
        country_labels={"CHINA": (121.5, 45.0), "RUSSIA": (128.5, 53.6), "MONGOLIA": (118.3, 46.9)},
    )
    outline = province()
    _patches(ax, outline, facecolor=PROVINCE_FILL, edgecolor="none", zorder=1.5)
    x, y = outline.exterior.xy
    ax.plot(x, y, color=PROVINCE_EDGE, linewidth=1.4, zorder=2.5)
    ax.text(127.0, 48.2, "HEILONGJIANG", fontsize=10, color="#6B4500", ha="center", style="italic", zorder=3)
    ax.text(134.2, 51.0, "Amur", fontsize=8, color=RIVER, style="italic", rotation=-35, zorder=3)
    ax.text(121.0, 51.3, "Argun", fontsize=8, color=RIVER, style="italic", rotation=65, zorder=3)
    ax.text(129.3, 46.5, "Songhua", fontsize=8, color=RIVER, style="italic", rotation=25, zorder=3)
    shown = [p for p in places_shown if xy(p, gaz) is not None and _inside(xy(p, gaz), extent)]
    for pid in shown:
        x, y = xy(pid, gaz)
        is_hub = pid == hub
        russian = gaz.loc[pid, "country"] == "Russia"
        ax.plot(
            x,
            y,
            marker="*" if is_hub else ("s" if russian else "o"),
            markersize=13 if is_hub else 5.5,
            color=LOCATOR_MARKERS["hub" if is_hub else ("Russia" if russian else "China")],
            markeredgecolor="white",
            markeredgewidth=0.6,
            zorder=5,
            linestyle="none",
        )
    _label_places(ax, shown, gaz, extent, OFFSETS)
    handles = [
        Line2D(
            [],
            [],
            marker="*",
            color=LOCATOR_MARKERS["hub"],
            linestyle="none",
            markersize=12,
            label=f"{gaz.loc[hub, 'name_en']} (provincial capital)",
        ),
        Line2D([], [], marker="o", color=LOCATOR_MARKERS["China"], linestyle="none", label="Place in China"),
        Line2D([], [], marker="s", color=LOCATOR_MARKERS["Russia"], linestyle="none", label="Place in Russia"),
        Line2D(
            [], [], color=PROVINCE_EDGE, linewidth=1.4, label="Heilongjiang province boundary (Natural Earth 1:50m)"
        ),
        Line2D([], [], color=RIVER, label="River (Natural Earth 1:50m)"),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=8, framealpha=0.9)
    inset = ax.inset_axes([0.66, 0.8, 0.34, 0.2])
    west, east, south, north = EXTENTS["eurasia"]
    inset.set_facecolor(WATER)
    frame = box(west, south, east, north)
    for props, geom in countries():
        clipped = geom.intersection(frame)
        if not clipped.is_empty:
            name = props.get("name_en") or props.get("name")
            _patches(inset, clipped, facecolor=LAND.get(name, OTHER_LAND), edgecolor="#999999", linewidth=0.2)
    e = extent
    inset.plot([e[0], e[1], e[1], e[0], e[0]], [e[2], e[2], e[3], e[3], e[2]], color="#D55E00", linewidth=1.2)
    inset.set_xlim(west, east)
    inset.set_ylim(south, north)
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_aspect(1.0 / math.cos(math.radians(47)))
    return fig


def segments(routes: pd.DataFrame, gaz: pd.DataFrame, modes) -> pd.DataFrame:
    """The drawable pieces of each sequence: consecutive *located* places, with a flag for gaps.

    One row per segment: ``item_id``, ``mode``, ``from_id``, ``to_id``, ``skipped`` (ids
    without coordinates passed over between the two), lon/lat of both ends.
    """
    rows = []
    chosen = routes[routes["mode"].isin(list(modes))]
    for (item, _seq), group in chosen.groupby(["item_id", "sequence"], sort=False):
        group = group.sort_values("order")
        mode = group["mode"].iloc[0]
        previous, skipped = None, []
        for pid in group["place_id"]:
            point = xy(pid, gaz)
            if point is None:
                skipped.append(pid)
                continue
            if previous is not None:
                (a, pa) = previous
                rows.append((item, mode, a, pid, ";".join(skipped), pa[0], pa[1], point[0], point[1]))
            previous, skipped = (pid, point), []
    return pd.DataFrame(
        rows, columns=["item_id", "mode", "from_id", "to_id", "skipped", "lon0", "lat0", "lon1", "lat1"]
    )


def unlocated(routes: pd.DataFrame, gaz: pd.DataFrame, modes) -> list[str]:
    """English names of the places on the chosen modes' items that have no coordinate (not drawn)."""
    ids = routes.loc[routes["mode"].isin(list(modes)), "place_id"].drop_duplicates()
    return [gaz.loc[p, "name_en"] for p in ids if xy(p, gaz) is None]


def _draw_segments(ax, segs: pd.DataFrame, modes) -> None:
    """Each mode's segments as straight lines in that mode's colour, dash pattern and width."""
    for mode in modes:
        colour, dash, width = MODE_STYLE[mode]
        for seg in segs[segs["mode"] == mode].itertuples(index=False):
            ax.plot(
                [seg.lon0, seg.lon1],
                [seg.lat0, seg.lat1],
                color=colour,
                linestyle=dash,
                linewidth=width,
                alpha=0.9,
                zorder=4,
                solid_capstyle="round",
            )


def _corridor_points(routes: pd.DataFrame, gaz: pd.DataFrame, modes, extent) -> list[tuple[str, tuple]]:
    """``(place_id, (lon, lat))`` of every located place the chosen modes name inside ``extent``, first mention first."""
    ids = list(dict.fromkeys(routes.loc[routes["mode"].isin(modes), "place_id"]))
    pts = [(p, xy(p, gaz)) for p in ids if xy(p, gaz) is not None]
    return [(p, q) for p, q in pts if _inside(q, extent)]


def _draw_points(ax, pts, hub: str | None) -> None:
    """A dot for each place, a large orange star for the hub."""
    for pid, (x, y) in pts:
        is_hub = pid == hub
        ax.plot(
            x,
            y,
            marker="*" if is_hub else "o",
            markersize=12 if is_hub else 4.5,
            color="#D55E00" if is_hub else "#333333",
            markeredgecolor="white",
            markeredgewidth=0.5,
            zorder=5,
            linestyle="none",
        )


def _label_corridor(ax, pts, gaz: pd.DataFrame, extent, hub: str | None, wide: bool) -> None:
    """Name the places: all of them on a regional map; on a continental map only the places
    beyond the regional map and the hub, with the regional map's frame outlined."""
    if not wide:
        _label_places(ax, [p for p, _ in pts], gaz, extent, OFFSETS, fontsize=7)
        return
    w, e, s, n = EXTENTS["northeast_asia"]
    ax.plot([w, e, e, w, w], [s, s, n, n, s], color="#555555", linewidth=0.8, linestyle="--", zorder=3)
    far = [p for p, q in pts if not _inside(q, EXTENTS["northeast_asia"]) or p == hub]
    _label_places(ax, far, gaz, extent, {}, fontsize=7)


def _corridor_legend(ax, segs: pd.DataFrame, modes, gaz: pd.DataFrame, hub: str | None, wide: bool) -> None:
    """One entry per mode drawn, one for the places and one for the hub; below a continental map."""
    handles = [
        Line2D([], [], color=MODE_STYLE[m][0], linestyle=MODE_STYLE[m][1], linewidth=MODE_STYLE[m][2], label=MODES[m])
        for m in modes
        if (segs["mode"] == m).any()
    ]
    handles.append(
        Line2D([], [], marker="o", color="#333333", linestyle="none", markersize=4.5, label="Place named (located)")
    )
    if hub:
        handles.append(
            Line2D(
                [],
                [],
                marker="*",
                color="#D55E00",
                linestyle="none",
                markersize=11,
                label=f"Hub parameter: {gaz.loc[hub, 'name_en']}",
            )
        )
    if wide:
        ax.legend(
            handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=4, fontsize=7.5, framealpha=0.92
        )
    else:
        ax.legend(handles=handles, loc="lower right", fontsize=7.5, framealpha=0.92)


def corridor_map(
    routes: pd.DataFrame,
    gaz: pd.DataFrame,
    modes,
    *,
    extent=EXTENTS["northeast_asia"],
    label: bool = True,
    figsize=(7.5, 6.4),
    hub: str | None = "Harbin",
):
    """Every item of the chosen modes drawn in printed order: lines join consecutive located places.

    Lines are straight in longitude/latitude and show the order the paper gives, not the
    track of a railway, road or cable. Places without a coordinate are passed over.
    """
    modes = list(modes)
    fig, ax = base_map(extent, figsize=figsize, rivers_on=True)
    segs = segments(routes, gaz, modes)
    _draw_segments(ax, segs, modes)
    pts = _corridor_points(routes, gaz, modes, extent)
    _draw_points(ax, pts, hub)
    wide = extent[1] - extent[0] > 60
    if label:
        _label_corridor(ax, pts, gaz, extent, hub, wide)
    _corridor_legend(ax, segs, modes, gaz, hub, wide)
    return fig
