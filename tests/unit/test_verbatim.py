"""geo.verbatim: rendered text reaches the page as it is, not compiled as a template again."""

from __future__ import annotations

import folium
from branca.element import Template

from geo.verbatim import Verbatim, VerbatimMacroElement


class _Probe(VerbatimMacroElement):
    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>/* {{ this.text }} */</style>{% endmacro %}
        {% macro script(this, kwargs) %}var probe = {{ this.text|tojson }};{% endmacro %}
        """
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Probe"
        self.text = text


def test_text_that_looks_like_template_code_is_left_alone() -> None:
    fmap = folium.Map(tiles=None)
    _Probe("{{ 7*7 }} {% if %}").add_to(fmap)
    fmap.get_root().header.add_child(Verbatim("<meta name='probe' content='{{ 6*6 }}'>"))

    html = fmap.get_root().render()

    assert 'var probe = "{{ 7*7 }} {% if %}";' in html
    assert "<style>/* {{ 7*7 }} {% if %} */</style>" in html
    assert "content='{{ 6*6 }}'" in html


def test_children_are_rendered_too() -> None:
    fmap = folium.Map(tiles=None)
    group = folium.FeatureGroup().add_to(fmap)
    outer = _Probe("outer").add_to(group)
    _Probe("inner").add_to(outer)

    html = fmap.get_root().render()

    assert 'var probe = "outer";' in html and 'var probe = "inner";' in html
