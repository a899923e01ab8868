"""Timeline: programme and partnership periods as bars over the years, as far as the sources state them."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from partnerships.filters import apply_filters
from partnerships.i18n import t
from partnerships.palette import OKABE_ITO
from partnerships.timeline import OPEN_END, OPEN_START, STATED, Row, Timeline, timeline
from ui.frame import open_page, run_page
from ui.panels import md

ROW_HEIGHT = 60
SEP = " · "
SHAPES = [STATED, OPEN_END, OPEN_START]


def row_labels(line: Timeline) -> dict[Row, str]:
    """Each row's label: a partnership indented under its programme. Labels differ, as they name the chart's rows."""
    labels: dict[Row, str] = {}
    seen: set[str] = set()
    for row in sorted([*line.bars, *line.undrawn], key=lambda row: row.order):
        label = f"↳ {row.name}" if row.depth else row.name
        while label in seen:
            label += "\u2009"
        seen.add(label)
        labels[row] = label
    return labels


def chart(line: Timeline, labels: dict[Row, str], year: int | None, lang: str) -> alt.Chart:
    """Bars coloured by kind; a faded bar with a dashed outline where a start or end is not stated.

    Each row is labelled with its name and period in words, so nothing is told by colour or shape alone.
    """
    frame = pd.DataFrame(
        {
            "row": f"{labels[bar]}{SEP}{bar.period_text}",
            "order": bar.order,
            "start": pd.Timestamp(bar.start),
            "end": pd.Timestamp(bar.end),
            "kind": t(f"kind_{bar.kind}", lang),
            "shape": t(f"shape_{bar.shape}", lang),
        }
        for bar in line.bars
    )
    shapes = [t(f"shape_{shape}", lang) for shape in SHAPES]
    rows = list(frame.sort_values("order")["row"])
    x_scale = alt.Scale(domain=[pd.Timestamp(line.axis_start).isoformat(), pd.Timestamp(line.axis_end).isoformat()])
    bars = (
        alt.Chart(frame)
        .mark_bar(stroke="#111827", strokeWidth=1.5, cornerRadius=2)
        .encode(
            # Two-line labels: the name, then the period in words.
            y=alt.Y(
                "row:N",
                title=None,
                sort=rows,
                axis=alt.Axis(labelLimit=520, labelOverlap=False, labelExpr=f"split(datum.label, '{SEP}')"),
            ),
            x=alt.X("start:T", title=t("axis_year", lang), scale=x_scale, axis=alt.Axis(format="%Y", tickCount="year")),
            x2="end:T",
            color=alt.Color(
                "kind:N",
                title=t("legend_kind", lang),
                scale=alt.Scale(
                    domain=[t("kind_programme", lang), t("kind_partnership", lang)], range=[OKABE_ITO[0], OKABE_ITO[1]]
                ),
                legend=alt.Legend(orient="bottom", direction="vertical"),
            ),
            opacity=alt.Opacity(
                "shape:N",
                title=t("legend_period", lang),
                scale=alt.Scale(domain=shapes, range=[1.0, 0.35, 0.35]),
                legend=alt.Legend(orient="bottom", direction="vertical"),
            ),
            strokeDash=alt.StrokeDash(
                "shape:N",
                title=t("legend_period", lang),
                scale=alt.Scale(domain=shapes, range=[[1, 0], [5, 3], [5, 3]]),
            ),
            tooltip=[
                alt.Tooltip("row:N", title=t("col_name", lang)),
                alt.Tooltip("kind:N", title=t("legend_kind", lang)),
            ],
        )
    )
    if year is None:
        return bars
    band = pd.DataFrame({"start": [pd.Timestamp(year, 1, 1)], "end": [pd.Timestamp(year + 1, 1, 1)]})
    highlight = (
        alt.Chart(band).mark_rect(color="#F0E442", opacity=0.5).encode(x=alt.X("start:T", scale=x_scale), x2="end:T")
    )
    return highlight + bars


def main() -> None:
    dataset, filters, lang = open_page("page_timeline")
    view = apply_filters(dataset, filters)
    line = timeline(dataset, view, lang)
    labels = row_labels(line)
    st.caption(t("timeline_intro", lang))
    if filters.year is not None:
        st.markdown(f"**{t('selected_year', lang, year=filters.year)}**")
    if line.bars:
        summary = "; ".join(f"{labels[bar]}: {bar.period_text}" for bar in line.bars)
        st.altair_chart(
            chart(line, labels, filters.year, lang),
            height=ROW_HEIGHT * len(line.bars) + 140,
            alt=f"{t('page_timeline', lang)}: {summary}",
        )
    else:
        st.info(t("nothing_matches", lang))
    rows = [*line.bars, *line.undrawn]
    if line.undrawn:
        st.subheader(t("period_not_stated_list", lang), anchor=False)
        st.markdown(
            "\n".join(
                f"- {md(labels[row])} ({md(t(f'kind_{row.kind}', lang).lower())}): {md(row.period_text)}"
                for row in line.undrawn
            )
        )
    if filters.year is not None and view.undated:
        names = [row.name for row in rows if row.row_id in view.undated]
        st.caption(t("undated_note", lang, year=filters.year, items=", ".join(names)))
    with st.expander(t("timeline_table", lang)):
        headings = (t("legend_kind", lang), t("col_name", lang), t("period", lang))
        st.table(
            pd.DataFrame(
                [(t(f"kind_{row.kind}", lang), labels[row], row.period_text) for row in rows], columns=headings
            )
        )


run_page(main)
