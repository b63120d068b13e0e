"""The tables of "After the paper" as MyST (captions, column headings, formats), each from a table of
:class:`~.model.Results`; the notebook shows them with ``Markdown(...)``."""

from __future__ import annotations

from heilongjiang_russia.present.tables import myst_table

from .model import Results


def province(results: Results) -> str:
    """The province's full-year figures from 2017 in both currencies (``tab-after-province``)."""
    return myst_table(
        results.province_table,
        {
            "year": "Year",
            "what": "Figure",
            "status": "Status",
            "confidence": "Confidence",
            "value_cny_bn": "CNY bn",
            "rate_cny_per_usd": "CNY per US$",
            "conversion": "Conversion",
            "value_usd_bn": "US$ bn",
        },
        "Heilongjiang's full-year trade figures from 2017, in yuan and in US$, with the rate of this run's rate basis (US$ figures a source gives are kept as given)",
        "tab-after-province",
        formats={"value_cny_bn": ".2f", "rate_cny_per_usd": ".4f", "value_usd_bn": ".2f"},
        widths="5 12 7 7 7 7 10 7",
    )


def rates(results: Results) -> str:
    """The two rates by year and the trade with Russia under each rate basis (``tab-after-rates``)."""
    return myst_table(
        results.rate_effect,
        {
            "year": "Year",
            "official": "Official rate (CNY per US$)",
            "fed": "Fed rate (CNY per US$)",
            "diff_pct": "US$ at official vs at Fed, %",
            "usd_official_then_fed": "Trade with Russia, US$ bn: official_then_fed",
            "usd_fed": "… fed",
            "usd_official_only": "… official_only",
        },
        "The two exchange rates for every year with a yuan figure, how far apart they put a US$ value, and the province's full-year trade with Russia in US$ under each rate basis (– where there is no full-year yuan figure or no rate)",
        "tab-after-rates",
        formats={
            "official": ".4f",
            "fed": ".4f",
            "diff_pct": "+.2f",
            "usd_official_then_fed": ".2f",
            "usd_fed": ".2f",
            "usd_official_only": ".2f",
        },
        widths="6 10 10 10 12 10 12",
    )


def shares(results: Results) -> str:
    """The recomputed share beside the printed one, with the rows used or why there is none (``tab-after-share``)."""
    return myst_table(
        results.shares,
        {
            "year": "Year",
            "province_usd_bn": "Province, US$ bn",
            "province_basis": "Province figure",
            "china_russia_usd_bn": "China–Russia, US$ bn",
            "share_pct": "Share, %",
            "printed_share_pct": "Song's Table 1, printed %",
            "confidence": "Confidence",
            "rows_or_reason": "Rows used, or why no share",
        },
        "Heilongjiang's share of China–Russia trade, recomputed, beside the share printed in Song's Table 1; the confidence is that of the weaker outside figure",
        "tab-after-share",
        formats={
            "province_usd_bn": ".2f",
            "china_russia_usd_bn": ".2f",
            "share_pct": ".1f",
            "printed_share_pct": ".1f",
        },
        widths="5 7 14 8 6 8 7 22",
        wide=True,
    )


def paper_says(results: Results) -> str:
    """What the paper says of each project (``tab-after-paper-says``)."""
    return myst_table(
        results.paper_statements,
        {"project": "Project", "paper_status": "What Song (2019) says", "paper_locator": "Where"},
        "The projects as Song (2019) reports them (paraphrased; item and claim ids as in the data)",
        "tab-after-paper-says",
        widths="12 12 14",
    )


def projects(results: Results) -> str:
    """The dated facts about each project, with their sources (``tab-after-projects``)."""
    return myst_table(
        results.project_table,
        {
            "project": "Project",
            "fact": "What happened",
            "date_shown": "Date",
            "status": "Status after it",
            "confidence": "Confidence",
            "source": "Source",
        },
        "What became of the projects Song (2019) reports as planned or under way: dated facts with their sources (data/external/projects.csv)",
        "tab-after-projects",
        widths="10 16 6 6 5 17",
        wide=True,
    )
