"""The corridor network: values a reader sees in the Longjiang chapter."""
from __future__ import annotations

import pytest

from heilongjiang_russia import network, places
from heilongjiang_russia.errors import ParameterError


@pytest.fixture(scope="module")
def data():
    return places.gazetteer(), places.routes()


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


def test_all_tables_suifenhe_ranks_first_and_harbin_is_named_most(data):
    graph, t = table(data, list(places.MODES))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (50, 50)
    assert network.top(t, "betweenness") == "Suifenhe"
    assert t.set_index("place_id").loc["Suifenhe", "betweenness"] == pytest.approx(0.431548)
    assert network.top(t, "items") == "Harbin"
    harbin = t.set_index("place_id").loc["Harbin"]
    assert harbin["rank"] == 12 and harbin["degree"] == 7 and harbin["items"] == 12


def test_table2_alone_vladivostok_ranks_first(data):
    _, t = table(data, places.TABLE2_MODES)
    assert list(t["place_id"].head(3)) == ["Vladivostok", "Suifenhe", "Manzhouli"]
    assert t.set_index("place_id").loc["Harbin", "rank"] == 5


def test_removing_the_hub(data):
    graph, _ = table(data, list(places.MODES))
    cut = network.without(graph, "Harbin")
    assert cut["largest_before"] == 44 and cut["largest_after"] == 40
    assert cut["cut_off"] == ["Tangshan", "Wuyuan", "Yekaterinburg"]
    with pytest.raises(ParameterError, match=r"hub: 'Harbin' is not a place on the chosen modes"):
        network.without(network.build(data[1], ["railway"]), "Harbin")


def test_unknown_mode_is_refused(data):
    with pytest.raises(ParameterError, match=r"modes: 'ferry' not allowed"):
        network.build(data[1], ["ferry"])


def test_figures_highlight_the_hub(data):
    from heilongjiang_russia import figures

    figures.setup()
    graph, t = table(data, list(places.MODES))
    fig = network.centrality_figure(t, hub="Harbin")
    bars = fig.axes[0].patches
    assert len(bars) == 12
    assert sum(b.get_facecolor()[:3] == (0.8352941176470589, 0.3686274509803922, 0.0) for b in bars) == 1
    fig2 = network.network_figure(graph, data[0], t, hub="Harbin")
    labels = {t_.get_text() for t_ in fig2.axes[0].texts}
    assert "1. Suifenhe" in labels and "12. Harbin" in labels


def test_summary_states_the_hub_verdict(data):
    graph, t = table(data, list(places.MODES))
    s = network.summary(graph, t, "Harbin")
    assert s["hub_is_top"] is False and s["top_betweenness_id"] == "Suifenhe"
    assert (s["hub_rank"], s["hub_items"], s["top_items_id"]) == (12, 12, "Harbin")
    assert s["n_cut_off"] == 3
    assert network.summary(graph, t, "Suifenhe")["hub_is_top"] is True


def test_centrality_figure_adds_a_low_ranked_hub(data):
    from heilongjiang_russia import figures

    figures.setup()
    _, t = table(data, list(places.MODES))
    fig = network.centrality_figure(t, hub="Harbin", n=5)
    labels = [tick.get_text() for tick in fig.axes[0].get_yticklabels()]
    assert len(fig.axes[0].patches) == 6 and labels[0] == "12. Harbin" and labels[-1] == "1. Suifenhe"
