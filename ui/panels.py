"""Draw the domain's results: details card, funding panel, key figures, listed programmes, table."""

from __future__ import annotations

import re
from collections.abc import Callable

import streamlit as st

from partnerships.cards import Card
from partnerships.citations import Citation, citations
from partnerships.dataset import Dataset, records_of
from partnerships.figures import Figure
from partnerships.filters import View
from partnerships.funding import FunderSummary, FundingLine
from partnerships.i18n import format_amount, t
from partnerships.labels import programme_name, theme_labels
from ui.frame import page_link

# The map page's panels summarise; the Funding page and the CSV downloads have every row.
# Every listed row is drawn again in the browser on each rerun: at 10,000 partnerships, two
# funders' lists of 50 rows delayed a filter change by about 60 ms, lists of 10 by under 20 ms
# (measured in the live app; as escaped HTML instead of Markdown they cost the same).
MAX_LISTED = 10
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md(text: object) -> str:
    """Text from data, made inert for st.markdown (no links, HTML or formatting smuggled in)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


# Characters that would end a Markdown link target or the :small[...] around it.
_LINK_TARGET_ENDS = str.maketrans({"(": "%28", ")": "%29", "[": "%5B", "]": "%5D", " ": "%20"})


def citation_text(citation: Citation, lang: str) -> str:
    """One source as Markdown: the quote, then title, publisher, date and link in small grey type."""
    date = citation.date or t("date_unknown", lang)
    who = ", ".join(md(part) for part in (citation.title, citation.publisher) if part)
    link = f"[{t('source', lang)}]({citation.url.translate(_LINK_TARGET_ENDS)})" if citation.url else t("no_link", lang)
    return f"> {md(citation.quote)}\n\n:gray[:small[{who} ({md(date)}) · {link}]]"


def sources_text(citations: list[Citation], lang: str) -> str:
    return "\n\n".join(citation_text(citation, lang) for citation in citations)


# Each panel sends few elements, each holding several paragraphs: Streamlit's cost per
# element (on the server and over the websocket) is paid on every rerun by every reader.
def card(card: Card, lang: str) -> None:
    with st.container(border=True, key=f"card-{card.partnership_id}"):
        st.subheader(card.title)
        st.markdown(
            "\n".join(f"- **{md(label)}:** {md(value)}" for label, value in card.fields)
            + f"\n\n**{t('description', lang)}:** {md(card.description)}"
            + f"\n\n**{t('source', lang)}**\n\n"
            + sources_text(card.citations, lang)
        )


def when_opened(label: str, key: str, draw: Callable[[], None]) -> None:
    """An expander whose content is drawn (and sent) only while it is open.

    A closed expander's content would still cross the websocket and be rendered in the
    browser on every rerun (at 10,000 partnerships, most of a filter change's page work):
    opening it reruns the script, which then fills it.
    """
    expander = st.expander(label, key=key, on_change="rerun")
    if expander.open:
        with expander:
            draw()


def expander_markdown(label: str, key: str, text: Callable[[], str]) -> None:
    """when_opened, for Markdown made only when it is shown."""
    when_opened(label, key, lambda: st.markdown(text()))


def listed_first(count: int, lang: str) -> None:
    """Says that a list of `count` rows shows only its first MAX_LISTED."""
    if count > MAX_LISTED:
        st.caption(t("listed_first", lang, shown=MAX_LISTED, count=count))


def funding_panel(summaries: list[FunderSummary], unfunded: list[str], dataset: Dataset, lang: str) -> None:
    st.subheader(t("funding_heading", lang))
    if not summaries and not unfunded:
        st.info(t("funding_none", lang))
    for summary in summaries:
        lines = summary.lines[:MAX_LISTED]
        with st.container(border=True):
            st.markdown(f"**{md(summary.name)}**")
            if summary.totals:
                totals = ", ".join(format_amount(amount, currency, lang) for currency, amount in summary.totals.items())
                st.metric(t("funding_total", lang), totals)
            listed_first(len(summary.lines), lang)
            st.markdown("\n".join(_funding_line(line, lang) for line in lines))
            # One expander for the funder's lines: what each grant is for, and where that is said.
            expander_markdown(
                t("funding_purposes_sources", lang),
                f"funding_sources_{summary.funder_id}",
                lambda lines=lines: "\n\n---\n\n".join(
                    f"**{md(line.amount_text)} · {md(line.programme)}**\n\n{md(line.purpose)}\n\n"
                    + sources_text(line.citations, lang)
                    for line in lines
                ),
            )
    if any(len(summary.lines) > MAX_LISTED for summary in summaries):
        page_link("page_funding", t("funding_see_all", lang))
    if unfunded:
        st.markdown(f"**{t('funding_programmes_without', lang)}**")
        st.markdown("\n".join(f"- {md(programme_name(dataset, p, lang))}" for p in unfunded))
    st.caption(t("funding_unstated_note", lang))


def _funding_line(line: FundingLine, lang: str) -> str:
    channel = md(line.channel or t("not_stated", lang))
    counted_once = f"  \n  :gray[:small[{t('funding_counted_once', lang)}]]" if line.counted_once else ""
    return (
        f"- **{md(line.amount_text)}** · {md(line.programme)}  \n"
        f"  {t('channel', lang)}: {channel} · {t('period', lang)}: {md(line.period)}{counted_once}"
    )


def key_figures(figures: list[Figure], lang: str) -> None:
    if not figures:
        return
    st.subheader(t("key_figures", lang))
    st.markdown("\n".join(f"- **{md(figure.value_text)}** {md(figure.label)}" for figure in figures))
    cited = [figure for figure in figures if figure.citations]
    if cited:
        expander_markdown(
            t("figure_sources", lang),
            "figure_sources",
            lambda: "\n\n---\n\n".join(
                f"**{md(figure.value_text)}** {md(figure.label)}\n\n{sources_text(figure.citations, lang)}"
                for figure in cited
            ),
        )


def unlinked_programmes(view: View, dataset: Dataset, lang: str) -> None:
    if view.unlinked_programmes.empty:
        return
    st.subheader(t("unlinked_heading", lang))
    st.caption(t("unlinked_help", lang))
    records = records_of(view.unlinked_programmes, dataset.programme_by_id)
    listed_first(len(records), lang)
    records = records[:MAX_LISTED]
    st.markdown(
        "\n".join(
            f"- **{md(programme_name(dataset, r['id'], lang))}** · {t('owner', lang)}: {md(r['owner'])}"
            for r in records
        )
    )
    expander_markdown(
        t("programme_details", lang),
        "programme_details",
        lambda: "\n\n---\n\n".join(_programme_details(record, dataset, lang) for record in records),
    )


def _programme_details(record: dict, dataset: Dataset, lang: str) -> str:
    parts = [f"**{md(programme_name(dataset, record['id'], lang))}**"]
    if record["parent"]:
        parts.append(f"{t('part_of', lang)}: {md(programme_name(dataset, record['parent'], lang))}")
    if record["themes"]:
        parts.append(f"{t('themes', lang)}: {md(theme_labels(dataset, record['themes'], lang))}")
    return "\n\n".join([*parts, md(record["description"]), sources_text(citations(dataset, record), lang)])
