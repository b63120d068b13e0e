"""The corridor network: values a reader sees in the Longjiang chapter."""

from __future__ import annotations

import book_sources
import pytest

from heilongjiang_russia.chapters import network
from heilongjiang_russia.data import places
from heilongjiang_russia.errors import ParameterError


@pytest.fixture(scope="module")
def corridors():
    return network.load_corridors()


@pytest.fixture(scope="module")
def data(corridors):
    return corridors.gaz, corridors.routes


def table(data, modes):
    gaz, routes = data
    graph = network.build(routes, modes)
    return graph, network.centrality(graph, gaz, network.mentions(routes, modes))


def test_edges_join_consecutive_places_only(data):
    graph, _ = table(data, ["belt"])
    assert graph.has_edge("Harbin", "Daqing") and graph.has_edge("Qiqihar", "Manzhouli")
    assert not graph.has_edge("Harbin", "Manzhouli")
    assert graph["Harbin"]["Suifenhe"]["items"] == {"T3-05"}
    # twelve consecutive pairs, Suifenhe–Dongning printed twice (belts 2 and 3)
    assert graph.number_of_nodes() == 10 and graph.number_of_edges() == 11
    assert graph["Suifenhe"]["Dongning"]["items"] == {"T3-03", "T3-04"}


def test_trunk_railways_are_places_that_table2_routes_reach(data):
    gaz, routes = data
    assert network.trunk_ids(gaz) == ["Trans_Siberian_Railway", "Baikal_Amur_Mainline"]
    assert gaz.loc["Baikal_Amur_Mainline", "name_ru"].startswith("Байкало-Амурская")
    assert gaz.loc[network.trunk_ids(gaz), "lat"].isna().all()  # lines, not points: never drawn
    graph = network.build(routes, ["railway"])
    assert set(graph["Blagoveshchensk"]) == {"Trans_Siberian_Railway", "Baikal_Amur_Mainline"}
    ports = [
        "Laoheishan",
        "Dongning",
        "Suifenhe",
        "Hulin",
        "Raohe",
        "Fuyuan",
        "Tongjiang",
        "Mingshan",
        "Xunke",
        "Heihe",
        "Mohe",
    ]
    assert all(graph.has_edge(p, "Baikal_Amur_Mainline") for p in ports)
    assert graph.has_edge("Manzhouli", "Trans_Siberian_Railway") and graph.has_edge("Trans_Siberian_Railway", "Hamburg")
    assert not graph.has_edge("Manzhouli", "Hamburg")
    # the ports are joined to the trunk lines, not to each other
    assert not graph.has_edge("Laoheishan", "Dongning")
    assert graph["Tongjiang"]["Baikal_Amur_Mainline"]["weight"] == 2  # items T2-03 and T2-06


def test_without_trunk_railways_is_the_old_reading(data):
    # splicing the trunk lines out gives back the network of the earlier reading, in which
    # Harbin's 12th place by betweenness rested on the third decimal
    gaz, routes = data
    graph = network.build(routes, list(places.MODES), drop=network.trunk_ids(gaz))
    t = network.centrality(graph, gaz, network.mentions(routes, list(places.MODES)))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (50, 50)
    assert network.top(t, "betweenness") == "Suifenhe"
    assert t.set_index("place_id").loc["Suifenhe", "betweenness"] == pytest.approx(0.431548)
    assert network.top(t, "items") == "Harbin"
    harbin = t.set_index("place_id").loc["Harbin"]
    assert harbin["rank"] == 12 and harbin["degree"] == 7 and harbin["items"] == 12
    assert graph.has_edge("Manzhouli", "Hamburg") and graph.degree("Blagoveshchensk") == 0


def test_all_tables_with_trunk_railways(data):
    graph, t = table(data, list(places.MODES))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (52, 76)
    assert list(t["place_id"].head(2)) == ["Suifenhe", "Trans_Siberian_Railway"]
    assert t.set_index("place_id").loc["Harbin", "rank"] == 7


def test_table2_alone(data):
    gaz, routes = data
    t = network.centrality(network.build(routes, places.TABLE2_MODES), gaz)
    assert list(t["place_id"].head(3)) == ["Suifenhe", "Trans_Siberian_Railway", "Vladivostok"]
    t = network.centrality(network.build(routes, places.TABLE2_MODES, drop=network.trunk_ids(gaz)), gaz)
    assert list(t["place_id"].head(3)) == ["Vladivostok", "Suifenhe", "Manzhouli"]
    assert t.set_index("place_id").loc["Harbin", "rank"] == 5


def test_removing_the_hub(data):
    graph, _ = table(data, list(places.MODES))
    cut = network.without(graph, "Harbin")
    assert (cut.components_before, cut.components_after) == (3, 6)  # removing Harbin leaves three more pieces
    assert cut.largest_before == 49 and cut.largest_after == 45
    assert cut.cut_off == ("Tangshan", "Wuyuan", "Yekaterinburg")
    with pytest.raises(ParameterError, match=r"hub: 'Harbin' is not a place on the chosen modes"):
        network.without(network.build(data[1], ["railway"]), "Harbin")


def test_unknown_mode_is_refused(data):
    with pytest.raises(ParameterError, match=r"modes: 'ferry' not allowed"):
        network.build(data[1], ["ferry"])


def test_tied_ranks_share_a_rank_within_the_tolerance():
    import pandas as pd

    values = pd.Series({"a": 1.0, "b": 0.97, "c": 0.5, "d": 0.5})
    assert network.tied_ranks(values, 0).to_dict() == {"a": 1, "b": 2, "c": 3, "d": 3}
    assert network.tied_ranks(values, 0.05).to_dict() == {"a": 1, "b": 1, "c": 3, "d": 3}
    assert network.tied_ranks(values, 0.5).to_dict() == {"a": 1, "b": 1, "c": 1, "d": 1}


def test_mode_sets_cover_tables_and_leave_one_out():
    sets = dict(network.mode_sets(list(places.MODES)))
    assert len(sets) == 13 and sets["Table 3 only"] == ["belt", "ring"]
    assert "railway" not in sets["without railway"] and len(sets["without railway"]) == 9
    # identical groups are ranked once; one mode has nothing to leave out
    assert network.mode_sets(["belt", "ring"]) == [
        ("all chosen modes", ["belt", "ring"]),
        ("without industrial belt", ["ring"]),
        ("without border ring", ["belt"]),
    ]
    assert network.mode_sets(["railway"]) == [("all chosen modes", ["railway"])]


@pytest.fixture(scope="module")
def result(corridors):
    """The chapter's results for its default parameters (the 150 constructions, computed once)."""
    return network.analyse(network.Parameters().values(), corridors)


@pytest.fixture(scope="module")
def robust(result):
    return result.constructions


def test_harbin_rank_range_over_every_construction(data, robust):
    gaz, _ = data
    assert robust["construction"].nunique() == 150  # 13 groups x 2 trunk variants (Table 3 has none) x 2 x 3
    s = network.robust_summary(robust, "Harbin", 0.05)
    assert (s.hub_best, s.hub_worst, s.hub_first, s.hub_present) == (1, 13, 20, 150)
    assert s.leaders_everywhere == () and s.always_ahead == ()
    assert (s.most_often_first, s.most_often_first_n) == ("Suifenhe", 112)
    kinds = network.hub_by_kind(robust, "Harbin").set_index(["measure", "weighting"])
    # by betweenness Harbin is never first, by unweighted degree it is first ten times
    assert kinds.loc[("betweenness", "unweighted"), "best"] == 3
    assert kinds.xs("betweenness", level="measure")["first"].sum() == 0
    assert kinds.loc[("degree", "unweighted"), "first"] == 10
    ranges = network.rank_ranges(robust, gaz).set_index("place_id")
    assert ranges.loc["Baikal_Amur_Mainline", "absent"] == 84  # only on networks with the railway items
    assert list(network.rank_ranges(robust, gaz)["place_id"].head(2)) == ["Suifenhe", "Trans_Siberian_Railway"]


@pytest.mark.slow  # the 150 constructions twice more
def test_a_wider_tolerance_only_narrows_the_hub_range(data):
    gaz, routes = data
    worst = [
        network.robust_summary(network.robustness(routes, gaz, list(places.MODES), tol), "Harbin", tol).hub_worst
        for tol in (0.0, 0.05, 0.1)
    ]
    assert worst == [21, 13, 10]


def test_headline_says_only_what_survives(data, robust):
    gaz, _ = data
    s = network.robust_summary(robust, "Harbin", 0.05)
    text = network.robust_verdict(s, gaz, "Harbin")
    assert "Under the 150 constructions (scores within 5% of the leading score tied)" in text
    assert "Harbin places at rank between 1 and 13 and first under 20 of them" in text
    assert "No place ranks first under every construction; Suifenhe does most often (112 of 150)" in text
    assert text.endswith("Whether Harbin is the most central place depends on how the network is built.")
    never = network.robust_verdict(network.robust_summary(robust, "Niigata", 0.05), gaz, "Niigata")
    assert never.endswith("the tables do not make Niigata its most central place.")


def test_headline_sentences_state_the_rank_range_first(data, result):
    gaz, _ = data
    sentences = network.robust_sentences(result.hub_ranks, gaz, "Harbin")
    assert sentences == [
        "Under the 150 constructions (scores within 5% of the leading score tied), Harbin places at rank between "
        "1 and 13 and first under 20 of them.",
        "No place ranks first under every construction; Suifenhe does most often (112 of 150).",
        "Whether Harbin is the most central place depends on how the network is built.",
    ]
    assert network.robust_verdict(result.hub_ranks, gaz, "Harbin") == " ".join(sentences)


def test_the_values_the_chapter_glues(corridors, result):
    facts = network.corridor_facts(corridors)
    assert (facts["announced"], facts["sea_lines"], facts["land_lines"], facts["core_area_year"]) == (2014, 2, 2, 2015)
    assert (facts["n_t2"], facts["n_t3"], facts["n_places"], facts["n_spellings"]) == (25, 9, 63, 19)
    assert facts["n_located"] + facts["n_unsourced"] == 63 and facts["n_unsourced"] == 17
    one = result.first_build
    assert (one.n_places, one.n_links, one.n_components, one.n_isolated) == (52, 76, 3, 1)
    assert (one.hub_rank, one.hub_items, one.top_items_id, one.top_betweenness_id) == (7, 12, "Harbin", "Suifenhe")
    assert (one.cut.components_before, one.cut.components_after) == (3, 6)
    glued = network.network_facts(result, corridors.gaz)
    assert (glued["n_constructions"], glued["n_mode_sets"], glued["tolerance_pct"]) == (150, 13, 5.0)
    assert glued["trunk_names"] == "Trans-Siberian Railway and Baikal-Amur Mainline (BAM)" and glued["n_trunk"] == 2
    assert glued["cut_off"] == "Tangshan, Wuyuan (unidentified), Yekaterinburg" and glued["n_cut_off"] == 3
    assert glued["first_build"].startswith("Harbin ranks 7th of 52 places by betweenness (0.134); Suifenhe ranks first")
    assert glued["first_build"].endswith("while 12 table items name Harbin, more items than any other place.")
    assert glued["headline"] == network.robust_verdict(result.hub_ranks, corridors.gaz, "Harbin")
    unlocated = network.unlocated_facts(corridors, ["belt", "ring"])
    assert unlocated == {"t2_unlocated": "none", "t3_unlocated": "Sunwu, Luobei"}


def test_table_modes_split_the_chosen_modes_by_table():
    assert network.table_modes(["ring", "railway", "belt"]) == (["railway"], ["ring", "belt"])
    assert network.table_modes(list(places.MODES)) == (places.TABLE2_MODES, ["belt", "ring"])
    # every mode has the name its leave-one-out group is labelled with
    assert set(network.MODE_NAMES) == set(places.MODES)


def test_notebook_parameters_cell_states_the_package_defaults():
    """One source of defaults: the parameters cell the runner reads holds the values of network.Parameters."""
    from heilongjiang_russia import paths
    from heilongjiang_russia.pipeline import runner

    declared = runner.parameters(paths.CHAPTERS / "04_longjiang_silk_road_belt.ipynb")
    defaults = network.Parameters().values()
    assert {name: p.default for name, p in declared.items()} == defaults
    assert defaults["modes"] == list(places.MODES) and defaults["hub"] == "Harbin"
    assert network.check_parameters(defaults) == defaults


def test_tie_tolerance_parameter():
    assert network.check_tolerance(0) == 0.0
    with pytest.raises(ParameterError, match=r"from 0 \(exact ties only\) to 0\.5$"):
        network.check_tolerance(0.6)
    for bad in (0.6, -0.1, True, "5%"):
        with pytest.raises(ParameterError, match=r"^tie_tolerance: "):
            network.check_tolerance(bad)


def test_check_parameters_keeps_the_hub_on_the_chosen_modes():
    base = {"modes": list(places.MODES), "hub": "Harbin", "n_top": 12, "tie_tolerance": 0.05, "run_name": "x"}
    assert network.check_parameters(base)["tie_tolerance"] == 0.05
    with pytest.raises(ParameterError, match=r"^hub: "):
        network.check_parameters({**base, "modes": ["railway"]})
    with pytest.raises(ParameterError, match=r"^tie_tolerance: "):
        network.check_parameters({**base, "tie_tolerance": 2})
    with pytest.raises(ParameterError, match=r"^n_top: 31 is not allowed; give a whole number from 3 to 30"):
        network.check_parameters({**base, "n_top": 31})


def test_network_drawing_labels_do_not_overlap(data, robust):
    from heilongjiang_russia.present import figures

    figures.setup()
    gaz, routes = data
    graph = network.build(routes, list(places.MODES))
    fig = network.network_figure(graph, gaz, network.rank_ranges(robust, gaz), hub="Harbin")
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    texts = [t_ for t_ in ax.texts if t_.get_text()]
    boxes = [t_.get_window_extent(renderer) for t_ in texts]
    names = [t_.get_text() for t_ in texts]
    assert "Harbin" in names and "Suifenhe" in names and "Trans-Siberian Railway" in names and len(names) >= 10
    frame = ax.get_window_extent(renderer)
    for i, a in enumerate(boxes):
        assert frame.x0 <= a.x0 and a.x1 <= frame.x1, names[i]
        for j in range(i + 1, len(boxes)):
            assert not a.overlaps(boxes[j]), (names[i], names[j])


def test_place_labels_leaves_out_what_does_not_fit():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 2))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    points = dict.fromkeys(range(40), (0.5, 0.5))  # forty labels on one spot cannot all fit
    done = network.place_labels(ax, points, {i: f"place {i}" for i in points}, list(points))
    assert done[0] == 0 and 1 <= len(done) < 40 and len(ax.texts) == len(done)
    plt.close(fig)


def test_rank_range_figure_highlights_the_hub(data, robust):
    from heilongjiang_russia.present import figures

    figures.setup()
    gaz, _ = data
    ranges = network.rank_ranges(robust, gaz)
    fig = network.rank_range_figure(ranges, hub="Harbin", n=3)
    labels = [tick.get_text() for tick in fig.axes[0].get_yticklabels()]
    assert labels[-1].startswith("Suifenhe") and any(x.startswith("Harbin (first 20") for x in labels)
    orange = [ln for ln in fig.axes[0].lines if ln.get_color() == "#D55E00"]
    assert len(orange) == 2  # the hub's range and its median


def test_tables_are_the_books_own(data, robust):
    gaz, _ = data
    graph, t = table(data, list(places.MODES))
    text = network.centrality_myst(t, 5)
    assert ":name: tab-centrality" in text and "not one of Song's" in text and "| 7 | Harbin |" not in text
    assert "| 1 | Suifenhe | 0.461 | 9 |" in text
    ranges = network.ranges_myst(network.rank_ranges(robust, gaz), 3, "Harbin")
    assert "| Harbin | 1 | 4.0 | 13 | 20 | 150 |" in ranges


def test_headline_for_other_pages_matches_the_chapter(data, robust, monkeypatch):
    gaz, routes = data
    computed = network.robustness

    def shared(routes_, gaz_, modes, tolerance):
        """The module's `robust` when headline asks for the very same construction (the function is pure)."""
        same = routes_.equals(routes) and gaz_.equals(gaz) and list(modes) == list(places.MODES) and tolerance == 0.05
        return robust.copy() if same else computed(routes_, gaz_, modes, tolerance)

    monkeypatch.setattr(network.model, "robustness", shared)  # the module headline() calls
    text, s = network.headline("Harbin", 0.05)
    sentences, _ = network.headline_sentences("Harbin", 0.05)
    assert text == " ".join(sentences) and sentences[0].startswith("Under the 150 constructions")
    assert text == network.robust_verdict(network.robust_summary(robust, "Harbin", 0.05), gaz, "Harbin")
    assert (s["hub_best"], s["hub_worst"]) == (1, 13)


@pytest.mark.slow
def test_chapter_4_states_the_robust_headline_for_a_readers_parameters(tmp_path, monkeypatch):
    """Table 3 only, exact ties: the chapter runs and its headline is the one computed for those parameters."""
    import nbformat
    import papermill as pm

    from heilongjiang_russia import paths

    monkeypatch.setenv("HLJRU_STAGING", str(tmp_path / "staging"))  # keeps outputs/ untouched
    out = tmp_path / "04.ipynb"
    params = {"modes": ["belt", "ring"], "hub": "Harbin", "n_top": 5, "tie_tolerance": 0.0, "run_name": "reader"}
    pm.execute_notebook(
        str(paths.CHAPTERS / "04_longjiang_silk_road_belt.ipynb"),
        str(out),
        cwd=str(paths.CHAPTERS),
        parameters=params,
        kernel_name="python3",
        progress_bar=False,
    )
    nb = nbformat.read(out, as_version=4)
    glued = book_sources.glued(nb)
    gaz, routes = places.gazetteer(), places.routes()
    expected = network.robust_verdict(
        network.robust_summary(network.robustness(routes, gaz, ["belt", "ring"], 0.0), "Harbin", 0.0), gaz, "Harbin"
    )
    assert glued["headline"].strip("'\"") == expected
    assert (
        "exact ties only" in expected and glued["n_constructions"] == "18" and glued["trunk_names"].strip("'") == "none"
    )
    ranges = (tmp_path / "staging" / "reader" / "fig-rank-ranges.csv").read_text().splitlines()
    assert ranges[0].startswith("construction,mode_set,trunk,weighting,measure")


def test_a_network_of_one_link_ties_everyone_and_says_so(data):
    gaz, routes = data
    long = network.robustness(routes, gaz, ["aviation"], 0.05)
    s = network.robust_summary(long, "Harbin", 0.05)
    assert s.hub_first == s.n_constructions == 6 and "Harbin" in s.leaders_everywhere
    text = network.robust_verdict(s, gaz, "Harbin")
    assert " rank first under every construction." in text  # several places tie for first
    assert text.endswith("The tables make Harbin one of the most central places (tied) however the network is built.")
