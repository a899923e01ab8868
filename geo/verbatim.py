"""folium elements whose rendered text reaches the page as it is, not compiled again.

branca's MacroElement.render adds each rendered macro (header, html, script) to the figure
as a new Element built *from that text as a Jinja template* (branca/element.py:
``Element(script(self, kwargs))``). The text is then compiled on every render, which costs
time in proportion to its length (the map's own JavaScript, a view's data: a third of a
rerun's CPU on the map page), and any "{{" or "{%" in it is read as template code.
"""

from __future__ import annotations

from typing import Any

from branca.element import Element, MacroElement


class Verbatim(Element):
    """Text that renders as itself."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Verbatim"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class VerbatimMacroElement(MacroElement):
    """A MacroElement whose rendered header, html and script go into the figure verbatim."""

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        macros = self._template.module.__dict__
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = macros.get(part)
            if macro is not None:
                target.add_child(Verbatim(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)
