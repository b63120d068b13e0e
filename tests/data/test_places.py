"""Tables 2 and 3 as data: every route names known places, in the paper's order; damage is named."""

from __future__ import annotations

import pytest

from heilongjiang_russia.chapters import place_tables
from heilongjiang_russia.data import places
from heilongjiang_russia.data.validation import load_resource
from heilongjiang_russia.errors import DataValidationError, ParameterError


def test_table2_has_every_item_of_every_channel():
    t2 = places.table2()
    assert len(t2) == 25
    assert list(dict.fromkeys(t2["mode"])) == places.TABLE2_MODES
    assert t2.groupby("mode").size().to_dict() == {
        "land_sea": 2,
        "railway": 4,
        "highway": 4,
        "water": 4,
        "aviation": 3,
        "pipeline": 5,
        "grid": 1,
        "cable": 2,
    }
    # wording kept as printed, misprints included
    assert "Blabovichsk" in t2.set_index("item_id").loc["T2-05", "printed"]
    assert "Economic Zon-" in t2.set_index("item_id").loc["T2-14", "printed"]


def test_table3_belts_and_ring_in_printed_order():
    t3 = places.table3().set_index("item_id")
    assert places.sequences(t3.loc["T3-02", "places"]) == [["Harbin", "Daqing", "Qiqihar", "Manzhouli"]]
    assert places.sequences(t3.loc["T3-05", "places"]) == [["Harbin", "Suifenhe", "Beian", "Heihe"]]
    ring = places.sequences(t3.loc["T3-06", "places"])[0]
    assert len(ring) == 10 and ring[0] == "Mohe" and ring[-1] == "Mishan"
    assert (t3["layout"] == "Four belts").sum() == 4


def test_every_route_place_is_in_the_gazetteer():
    places.check_routes()
    gaz = places.gazetteer()
    assert set(places.routes()["place_id"]) <= set(gaz.index)


def test_variant_spellings_are_normalised():
    places.check_spellings()
    spell = places.spellings().set_index("printed")["place_id"]
    assert spell["Blabovichsk"] == "Blagoveshchensk"
    assert spell["Qiqihaer"] == "Qiqihar"
    assert spell["Manchuria"] == "Manzhouli"


def test_gazetteer_names_and_points():
    gaz = places.gazetteer()
    assert gaz.loc["Harbin", "name_zh"] == "哈尔滨" and gaz.loc["Harbin", "name_ru"] == "Харбин"
    assert gaz.loc["Harbin", ["lat", "lon"]].tolist() == [45.75, 126.65]
    located = gaz["lat"].notna()
    # a coordinate is never given without its source, and never invented for an unsourced place
    assert gaz.loc[located, "coord_source"].notna().all()
    assert (gaz.loc[~located, "confidence"] == "unsourced").all()
    assert (gaz.loc[located, "confidence"] != "unsourced").all()


def test_route_naming_an_unknown_place_fails_with_file_row_and_place():
    t2 = places.table2()
    t2.loc[t2["item_id"] == "T2-13", "places"] = "Tongjiang;Khabarovsk;Atlantis"
    with pytest.raises(DataValidationError, match=r"table2_channels\.csv, row 13 .*column 'places'.*T2-13.*'Atlantis'"):
        places.check_routes(table2_frame=t2)


def test_point_item_with_two_places_is_refused():
    t3 = places.table3()
    t3.loc[0, "places"] = "Harbin;Daqing"
    with pytest.raises(DataValidationError, match=r"table3_layout\.csv, row 1 .*T3-01: geometry 'point'"):
        places.check_routes(table3_frame=t3)


def test_spelling_mapped_to_missing_place_is_refused():
    spell = places.spellings()
    spell.loc[0, "place_id"] = "Manchuria_region"
    with pytest.raises(DataValidationError, match=r"place_spellings\.csv, row 1 .*'Manchuria_region'"):
        places.check_spellings(spell)


def test_gazetteer_latitude_out_of_range_is_named(data_copy):
    file = data_copy / "gazetteer.csv"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace(",45.75,126.65,", ",95.75,126.65,", 1), encoding="utf-8")
    with pytest.raises(
        DataValidationError, match=r"gazetteer\.csv, row 1 .*column 'lat': 95.75 is above the maximum 90"
    ):
        load_resource("gazetteer", data_copy / "gazetteer.csv", descriptor=data_copy / "datapackage.json")


def test_parameters_are_checked_against_the_allowed_values():
    assert places.check_modes(["railway", "belt"]) == ["railway", "belt"]
    with pytest.raises(ParameterError, match=r"modes: 'rail' not allowed"):
        places.check_modes(["rail"])
    with pytest.raises(ParameterError, match=r"modes: expected a non-empty list"):
        places.check_modes("railway")
    assert places.check_hub("Harbin") == "Harbin"
    with pytest.raises(ParameterError, match=r"hub: 'Harbinn' is not a place_id .*did you mean Harbin"):
        places.check_hub("Harbinn")
    assert "Harbin" in places.place_ids() and "Manzhouli" in places.place_ids()


def test_tables_render_as_numbered_myst_tables():
    gaz = places.gazetteer()
    text = place_tables.table2_myst(places.table2(), gaz)
    assert ":name: tab-table2" in text and text.count("\n| T2-") == 25
    assert "Blagoveshchensk" in text  # read as the standard name
    gtext = place_tables.gazetteer_myst(gaz)
    assert ":name: tab-gazetteer" in gtext and "Благовещенск" in gtext and "满洲里" in gtext
    short = place_tables.gazetteer_myst(gaz, ["Harbin", "Heihe"], label_="tab-x", caption="Two places", printed=False)
    assert ":name: tab-x" in short and short.count("\n| ") == 3 and "As printed" not in short  # header and two rows
    assert place_tables.table3_myst(places.table3(), gaz).count("\n| T3-") == 9
    spelled = place_tables.spellings_myst(places.spellings(), gaz)
    assert ":name: tab-spellings" in spelled and "| Blabovichsk | Blagoveshchensk |" in spelled


def test_hub_must_lie_on_the_chosen_modes():
    routes = places.routes()
    assert places.check_hub("Harbin", routes_frame=routes, modes=["belt"]) == "Harbin"
    with pytest.raises(
        ParameterError, match=r"hub: 'Harbin' is not named by any item of the modes railway; choose one of .*Suifenhe"
    ):
        places.check_hub("Harbin", routes_frame=routes, modes=["railway"])


def test_places_named_in_the_text_are_in_the_gazetteer():
    # places the prose of the Eastern and Longjiang sections names outside the two tables
    in_text = [
        "Warsaw",
        "Dalian",
        "Vladivostok",
        "Chita",
        "Manzhouli",
        "Heihe",
        "Mohe",
        "Suifenhe",
        "Tongjiang",
        "Pearl_River_Delta",
        "Yangtze_River_Delta",
        "Bohai_Sea",
        "Wudalianchi",
        "Jiansanjiang",
        "Bolshoy_Ussuriysky_Island",
        "Amur_Oblast",
        "Heilongjiang",
    ]
    gaz = places.gazetteer()
    assert [p for p in in_text if p not in gaz.index] == []
    assert len(gaz) == 63  # 61 places and the two Russian trunk railways of Table 2


def test_trunk_railways_are_read_from_their_printed_names():
    spell = places.spellings().set_index("printed")["place_id"]
    assert spell["Beia Railway"] == "Baikal_Amur_Mainline"
    assert spell["the Russian Siberian Railway"] == "Trans_Siberian_Railway"
    t2 = places.table2().set_index("item_id", drop=False)
    gaz = places.gazetteer()
    # every railway item now reaches a Russian trunk line instead of losing its Russian end
    for item in ("T2-02", "T2-03", "T2-04", "T2-05", "T2-06"):
        assert "Trans_Siberian_Railway" in t2.loc[item, "places"], item
    assert (
        places.label(t2.loc["T2-05"], gaz) == "Blagoveshchensk – {Trans-Siberian Railway / Baikal-Amur Mainline (BAM)}"
    )
    assert places.label(t2.loc["T2-06"], gaz).startswith("{Laoheishan / Dongning / Suifenhe")
    text = place_tables.table2_myst(t2, gaz)
    assert "Song's Table 2" in text and "| T2-05 | Railway Transport |" in text
