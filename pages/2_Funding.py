"""Funding: grants by funder, programme, theme and year, in their own currency and in euro at stated rates."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st
from babel.numbers import get_decimal_symbol, get_group_symbol

from partnerships.exchange import Grant, exchange_rates, grants, rate_text, rates_used
from partnerships.filters import apply_filters
from partnerships.funding import programmes_without_funder
from partnerships.grant_tables import grants_table, per_theme, totals
from partnerships.i18n import locale, t
from partnerships.labels import programme_name
from partnerships.palette import OKABE_ITO
from ui.frame import open_page, run_page
from ui.panels import md

BAR_COLOUR = OKABE_ITO[0]
ROW_HEIGHT = 44


def number_locale(lang: str) -> dict:
    """Vega's number format for the reader's language, from Babel (20.000.000 in Danish)."""
    code = locale(lang)
    return {
        "decimal": get_decimal_symbol(code),
        "thousands": get_group_symbol(code),
        "grouping": [3],
        "currency": ["", ""],
    }


def bar_chart(frame: pd.DataFrame, title: str, lang: str) -> alt.Chart:
    """Horizontal bars in euro, each labelled with its amount in its own currency."""
    domain = [0, float(frame["eur"].max()) * 1.9 or 1]
    base = alt.Chart(frame, title=title).encode(
        y=alt.Y("category:N", title=None, sort="-x", axis=alt.Axis(labelLimit=420)),
        x=alt.X("eur:Q", title=t("axis_eur", lang), scale=alt.Scale(domain=domain), axis=alt.Axis(format=",.0f")),
        tooltip=[alt.Tooltip("category:N", title=title), alt.Tooltip("label:N", title=t("amount", lang))],
    )
    chart = base.mark_bar(color=BAR_COLOUR) + base.mark_text(align="left", dx=6, color="#111827").encode(text="label:N")
    return chart.configure(locale={"number": number_locale(lang)})


def year_chart(found: list[Grant], lang: str) -> tuple[alt.Chart | None, pd.DataFrame]:
    """Each grant as a bar over its stated period, labelled with its whole amount (not split by year)."""
    dated = [grant for grant in found if grant.first_year is not None and grant.last_year is not None]
    if not dated:
        return None, pd.DataFrame()
    frame = pd.DataFrame(
        {
            "grant": f"{grant.programme}: {grant.amount_text} ({grant.period})",
            "start": pd.Timestamp(grant.first_year, 1, 1),
            "end": pd.Timestamp(grant.last_year + 1, 1, 1),
        }
        for grant in dated
    )
    bars = (
        alt.Chart(frame, title=t("funding_by_year", lang))
        .mark_bar(color=BAR_COLOUR)
        .encode(
            y=alt.Y("grant:N", title=None, axis=alt.Axis(labelLimit=520)),
            x=alt.X("start:T", title=t("axis_year", lang), axis=alt.Axis(format="%Y")),
            x2="end:T",
            tooltip=[alt.Tooltip("grant:N", title=t("axis_grant", lang))],
        )
    )
    return bars, frame[["grant"]]


def draw(chart: alt.Chart, frame: pd.DataFrame, title: str) -> None:
    """A chart sized to its rows, with its data as text for screen readers."""
    summary = "; ".join(
        " ".join(str(value) for value in row) for row in frame.drop(columns="eur", errors="ignore").values
    )
    st.altair_chart(chart, height=ROW_HEIGHT * len(frame) + 90, alt=f"{title}: {summary}")


def main() -> None:
    dataset, filters, lang = open_page("page_funding")
    rates = exchange_rates(dataset)
    view = apply_filters(dataset, filters)
    found = grants(dataset, view, rates, lang)
    st.caption(t("funding_intro", lang))

    if not any(grant.counted for grant in found):
        st.info(t("funding_no_amounts", lang))
    else:
        for column, heading in (("funder", "funding_by_funder"), ("programme", "funding_by_programme")):
            frame = totals(found, column, lang)
            draw(bar_chart(frame, t(heading, lang), lang), frame, t(heading, lang))
        frame = totals(found, "theme_group", lang)
        draw(bar_chart(frame, t("funding_by_theme", lang), lang), frame, t("funding_by_theme", lang))
        st.caption(t("funding_theme_note", lang))
        st.table(per_theme(found, dataset, lang))
        chart, rows = year_chart(found, lang)
        if chart is not None:
            draw(chart, rows, t("funding_by_year", lang))
        st.caption(t("funding_year_note", lang))

    st.subheader(t("funding_rates_heading", lang), anchor=False)
    st.markdown(
        "\n".join(
            f"- **{md(rate_text(rate, lang))}** · {md(t(f'rate_basis_{rate.basis}', lang, date=rate.date))}"
            f" · [{md(rate.source)}]({rate.url})"
            for rate in rates_used(found, rates) or rates.values()
        )
    )
    st.caption(t("funding_rates_note", lang))

    unstated = [grant for grant in found if grant.amount is None]
    unfunded = programmes_without_funder(dataset, view)
    if unstated or unfunded:
        st.subheader(t("funding_not_stated_heading", lang), anchor=False)
        lines = [
            f"- {md(grant.funder)} → {md(grant.programme)}: **{md(grant.amount_text)}**"
            + (f" ({md(t('funding_share_note', lang))})" if grant.share else "")
            for grant in unstated
        ]
        lines += [
            f"- {md(programme_name(dataset, programme, lang))}: **{md(t('funder_not_stated', lang))}**"
            for programme in unfunded
        ]
        st.markdown("\n".join(lines))
        st.caption(t("funding_unstated_note", lang))

    if found:
        st.subheader(t("funding_grants_table", lang), anchor=False)
        st.table(grants_table(found, dataset, lang))


run_page(main)
