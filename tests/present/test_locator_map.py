"""The locator map (chapter 1) draws Heilongjiang's own boundary, from Natural Earth's admin-1 layer
committed in data/geo, and its markers stay distinguishable from everything they sit on."""

from __future__ import annotations

import json

import pytest
from matplotlib.colors import to_hex
from shapely.geometry import Point

from heilongjiang_russia import paths
from heilongjiang_russia.data import places
from heilongjiang_russia.present import figures, maps


@pytest.fixture(scope="module")
def gaz():
    return places.gazetteer()


def test_the_province_layer_is_a_described_data_resource():
    package = json.loads((paths.DATA / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["path"] == "geo/heilongjiang_admin1_50m.geojson")
    assert resource["licenses"][0]["name"] == "ODC-PDDL-1.0"
    assert "natural-earth-vector" in resource["sources"][0]["path"]
    layer = json.loads(maps.PROVINCE.read_text(encoding="utf-8"))
    assert [f["properties"]["iso_3166_2"] for f in layer["features"]] == ["CN-HL"]


def test_manzhouli_lies_outside_heilongjiang_and_the_provincial_cities_inside(gaz):
    outline = maps.province()
    assert outline.is_valid and outline.geom_type == "Polygon"
    # Manzhouli is in Inner Mongolia: the paper's Belt 1 leaves the province to reach it
    assert outline.distance(Point(maps.xy("Manzhouli", gaz))) > 2.0
    for pid in ["Harbin", "Qiqihar", "Daqing", "Mudanjiang", "Jiamusi"]:
        assert outline.contains(Point(maps.xy(pid, gaz))), pid
    for pid in ["Blagoveshchensk", "Khabarovsk", "Vladivostok"]:
        assert not outline.contains(Point(maps.xy(pid, gaz))), pid


@pytest.mark.slow  # draws and renders the locator map
def test_the_locator_map_draws_the_boundary(gaz):
    figures.setup()
    fig = maps.locator_map(gaz, ["Harbin", "Manzhouli", "Heihe", "Blagoveshchensk"])
    ax = fig.axes[0]
    edges = [line for line in ax.lines if to_hex(line.get_color()) == maps.PROVINCE_EDGE.lower()]
    assert edges, "no line in the province's boundary colour"
    xs, ys = edges[0].get_data()
    assert min(xs) == pytest.approx(121.17, abs=0.01) and max(ys) == pytest.approx(53.56, abs=0.01)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("province boundary" in label for label in labels)
    figures.show(fig)


def test_contrast_ratio_matches_wcag():
    assert maps.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert maps.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert maps.contrast_ratio("#123456", "#123456") == pytest.approx(1.0)


@pytest.mark.parametrize("marker", sorted(maps.LOCATOR_MARKERS))
def test_markers_keep_3_to_1_against_the_map_and_the_page(marker):
    colour = maps.LOCATOR_MARKERS[marker]
    backgrounds = {
        "province": maps.PROVINCE_FILL,
        "China": maps.LAND["China"],
        "Russia": maps.LAND["Russia"],
        "other land": maps.OTHER_LAND,
        "water": maps.WATER,
        "figure card": "#FFFFFF",
    }
    low = {
        name: round(maps.contrast_ratio(colour, bg), 2)
        for name, bg in backgrounds.items()
        if maps.contrast_ratio(colour, bg) < 3.0
    }
    assert not low, f"{marker} marker {colour} is below 3:1 against {low}"
