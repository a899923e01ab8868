"""Sources: every article with title, publisher, date and link, and every fact that cites it, with its quote."""

from __future__ import annotations

import streamlit as st

from partnerships.i18n import t
from partnerships.sources import sources_with_facts
from ui.frame import open_page, run_page
from ui.panels import md


def main() -> None:
    dataset, _, lang = open_page("page_sources")
    st.caption(t("sources_intro", lang))
    for entry in sources_with_facts(dataset, lang):
        source = entry.citation
        with st.container(border=True, key=f"source-{source.source_id}"):
            st.subheader(source.title, anchor=False)
            link = (
                f"[{md(t('open_article', lang, title=source.title))}]({source.url})"
                if source.url
                else t("no_link", lang)
            )
            fields = [
                (t("publisher", lang), md(source.publisher or t("not_stated", lang))),
                (t("date", lang), md(source.date or t("date_unknown", lang))),
                (t("link", lang), link),
                (t("article_language", lang), md(t(f"language_name_{entry.language}", lang))),
            ]
            if entry.note:
                fields.append((t("note", lang), md(entry.note)))
            st.markdown("\n".join(f"- **{label}:** {value}" for label, value in fields))
            if not entry.facts:
                st.info(t("no_facts", lang))
                continue
            with st.expander(t("facts_citing", lang, count=len(entry.facts)), expanded=True):
                for fact in entry.facts:
                    second = f" · *{md(t('second_report', lang))}*" if fact.second_report else ""
                    st.markdown(f"**{md(t(f'kind_{fact.kind}', lang))}:** {md(fact.label)}{second}")
                    st.markdown(f"> {md(fact.quote)}")


run_page(main)
