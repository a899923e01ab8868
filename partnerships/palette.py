"""The one palette: theme and country colours and kind-of-tie dashes, shared by the map and its legend.

A line says two things: its colour is its theme, its dash pattern is its kind of tie
(agreement, programme project, ...). The kind never depends on colour, so it reads in
greyscale and for every form of colour blindness; the theme is also named in the line's
tooltip, the table and the card, and the theme filter picks themes out exactly.

Theme colours are the Okabe–Ito set, distinguishable with the common forms of colour
blindness (yellow and black left out: they vanish on a light basemap or read as borders),
then Paul Tol's muted colours for themes beyond seven. Themes that partnerships have take
the first colours, so the lines on the map differ as long as there are colours.
"""

from __future__ import annotations

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7A5C00")
TOL_MUTED = ("#882255", "#44AA99", "#332288", "#999933", "#AA4499")
THEME_COLOURS = OKABE_ITO + TOL_MUTED

# SVG stroke-dasharray per kind of tie (empty: solid). Firm ties are solid or long dashes,
# intent is dotted, so the pattern itself reads from strong to tentative.
KIND_DASHES = {
    "agreement": "",
    "programme-project": "14 7",
    "funded-project": "14 5 3 5",
    "platform": "6 6",
    "intent": "1 7",
}

# Flag-derived, darkened where needed for contrast on light land.
COUNTRY_COLOURS = {
    "DK": "#C8102E",
    "SE": "#005B99",
    "NO": "#7A1F2B",
    "FI": "#1B3F8B",
    "IS": "#02529C",
    "UA": "#E0A800",
}
FALLBACK_COLOUR = "#555555"


def theme_colours(theme_ids: list[str], in_use: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    """A colour per theme: themes `in_use` first, each group in themes.csv order.

    The order depends on the dataset only, never on the view, so a theme keeps its colour
    while the reader filters.
    """
    ordered = [theme for theme in theme_ids if theme in in_use] + [theme for theme in theme_ids if theme not in in_use]
    colours = {theme: THEME_COLOURS[index % len(THEME_COLOURS)] for index, theme in enumerate(ordered)}
    return {theme: colours[theme] for theme in theme_ids}


def kind_dash(kind: str) -> str:
    return KIND_DASHES.get(kind, "")


def country_colour(country: str) -> str:
    return COUNTRY_COLOURS.get(country, FALLBACK_COLOUR)
