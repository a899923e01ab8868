"""The one palette: theme and country colours shared by the map, the legend and charts.

Theme colours are the Okabe–Ito set, distinguishable with the common forms of colour
blindness; yellow and black are left out because they vanish on a light basemap or read as
borders. With more themes than colours, a dash pattern tells them apart, so no theme is told
by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7A5C00")
DASHES = ("", "10 6", "2 6")

# Flag-derived, darkened where needed for contrast on light land.
COUNTRY_COLOURS = {"DK": "#C8102E", "SE": "#005B99", "UA": "#E0A800"}
FALLBACK_COLOUR = "#555555"


@dataclass(frozen=True)
class LineStyle:
    colour: str
    dash: str  # an SVG stroke-dasharray; empty for a solid line


def theme_styles(theme_ids: list[str]) -> dict[str, LineStyle]:
    """A distinct style per theme, in the order of themes.csv so styles stay stable across views."""
    return {
        theme: LineStyle(OKABE_ITO[index % len(OKABE_ITO)], DASHES[(index // len(OKABE_ITO)) % len(DASHES)])
        for index, theme in enumerate(theme_ids)
    }


def country_colour(country: str) -> str:
    return COUNTRY_COLOURS.get(country, FALLBACK_COLOUR)
