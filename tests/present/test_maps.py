"""Maps draw from the committed Natural Earth layers only, and never open a network connection."""

from __future__ import annotations

import socket

import pytest

from heilongjiang_russia.data import places
from heilongjiang_russia.present import figures, maps


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("map code tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_russia_crossing_180_is_drawn_east_of_the_pacific_not_across_it():
    russia = [g for p, g in maps.countries() if (p.get("name_en") or p.get("name")) == "Russia"][0]
    west, _, east, _ = russia.bounds
    assert west > 0 and east > 185  # Chukotka moved to 180-190 °E, nothing left west of Europe
    assert maps.unwrap_lon(-169.0) == 191.0 and maps.unwrap_lon(126.65) == 126.65


@pytest.mark.slow  # renders four maps to SVG and PNG
def test_maps_render_offline(no_network):
    figures.setup()
    gaz, routes = places.gazetteer(), places.routes()
    for fig in (
        maps.locator_map(gaz, ["Harbin", "Heihe", "Blagoveshchensk", "Suifenhe"]),
        maps.corridor_map(routes, gaz, places.TABLE2_MODES),
        maps.corridor_map(routes, gaz, places.TABLE2_MODES, extent=maps.EXTENTS["eurasia"]),
        maps.corridor_map(routes, gaz, ["belt", "ring"], extent=maps.EXTENTS["heilongjiang"]),
    ):
        rendered = figures.show(fig)
        assert rendered.svg.startswith(b"<?xml") and len(rendered.png) > 10_000


def test_routes_are_drawn_in_printed_order_and_gaps_reported():
    gaz, routes = places.gazetteer(), places.routes()
    segs = maps.segments(routes, gaz, ["belt"])
    belt1 = segs[segs["item_id"] == "T3-02"]
    assert list(zip(belt1["from_id"], belt1["to_id"])) == [
        ("Harbin", "Daqing"),
        ("Daqing", "Qiqihar"),
        ("Qiqihar", "Manzhouli"),
    ]
    ring = maps.segments(routes, gaz, ["ring"])
    # Sunwu has no coordinate: the ring is drawn from Mohe to Xunke and the gap is recorded
    jump = ring[ring["from_id"] == "Mohe"].iloc[0]
    assert jump["to_id"] == "Xunke" and jump["skipped"] == "Sunwu"
    assert "Sunwu" in maps.unlocated(routes, gaz, ["ring"])


def test_map_points_sit_inside_their_country():
    from shapely.geometry import Point

    gaz = places.gazetteer()
    shapes = {(p.get("name_en") or p.get("name")): g for p, g in maps.countries()}
    for pid in ["Harbin", "Heihe", "Suifenhe", "Manzhouli", "Mohe"]:
        assert shapes["China"].buffer(0.05).contains(Point(maps.xy(pid, gaz))), pid
    for pid in ["Blagoveshchensk", "Vladivostok", "Khabarovsk", "Chita"]:
        assert shapes["Russia"].buffer(0.05).contains(Point(maps.xy(pid, gaz))), pid
