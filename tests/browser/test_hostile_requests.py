"""Hostile and broken links: every URL parameter the app reads, given values nobody meant.

The app faces the public and its whole view lives in the URL, so anyone can hand a reader a
link with long, malformed, repeated or script-carrying values. For each such link this checks
what a reader would: no traceback, no Streamlit exception box, no "something went wrong"
banner, the map still draws (or the page its title), nothing from the link runs
(`window.__pwned` stays undefined in the page and in every frame, the map's included), and no
markup from the link lands unescaped in any frame's HTML. The server log gets no traceback
either: an error the page hides is still an error.

Cost: one page load takes 2-4 s on a busy 2-core machine, so the values are grouped. Each
value is put into every parameter of one link at once (a hostile value can then hide behind
another parameter only if that one errors too, and a failure names the guilty parameters by
opening each alone); long values go in a few links so each stays under the server's 16 KiB
request-head limit. Repeated parameters are one test per parameter, the explore pages two
links each.

App bugs not fixed yet are `xfail(strict=True)` with the reason and the link that shows them
(KNOWN_BUGS).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from partnerships.dataset import Dataset, data_dir_from_environment, load_dataset
from partnerships.filters import countries, filter_keys, years
from partnerships.i18n import LANGUAGES, t

REPO_ROOT = Path(__file__).resolve().parents[2]
UI_TIMEOUT_MS = 30_000

# Every URL parameter the app reads (test_the_parameter_list_is_complete keeps this honest),
# and one it does not: newsletters and chat apps append their own.
PARAMS = (
    "theme",
    "kind",
    "funder",
    "country",
    "programme",
    "year",
    "lang",
    "p",
    "tiles",
    "present",
    "tour",
    "step",
    "table",
)
UNKNOWN = "utm_source"
ALL_PARAMS = (*PARAMS, UNKNOWN)
# The key itself can be hostile too: each value is also sent as a parameter name.
AS_KEY = "<value as a parameter name>"

# One value with every way in at once: a javascript: URL, an attribute break-out, a script
# tag, and a </script> that would end a script the value was written into.
POLYGLOT = (
    'javascript:window.__pwned=1//"><img src=x onerror="window.__pwned=1"></script><script>window.__pwned=1</script>'
)

# Values that carry script. Each must reach no HTML unescaped and run nowhere.
SCRIPTS = {
    "script-tag": "<script>window.__pwned=1</script>",
    "img-onerror": '"><img src=x onerror="window.__pwned=1">',
    "javascript-url": "javascript:window.__pwned=1",
    "markdown-link": "[click](javascript:window.__pwned=1)",
    "polyglot": POLYGLOT,
}
# Long values, about 5,000 characters.
LONG = {
    "digits-5000": "9" * 5000,
    "markup-list-5000": "<svg onload=window.__pwned=1>," * 167,
}
# Broken values exactly as they go into the query string: bad percent-encoding with a NUL and
# invalid UTF-8, Unicode that looks like a digit or reverses text, numbers out of range.
BROKEN = {
    "encoding-junk": "%zz%00%E2%82%28%FF%",
    "superscript-two": "%C2%B2",  # "²".isdigit() is True, int("²") raises
    "unicode": quote("Україна 🗺️ \u202e\u200b ß ١٢"),
    "negative": "-1",
    "huge-number": "99999999999999999999",
    "empty": "",
    "whitespace-commas": "%20%09,,%20,",
}
# The server (uvicorn's h11) refuses a request head over 16 KiB: long values are spread over links.
MAX_URL_CHARS = 15_000

# (parameter, value name) -> why that value breaks that parameter, for app bugs not fixed yet:
# the pair is left out of the shared links and tested alone, as xfail(strict=True).
KNOWN_BUGS: dict[tuple[str, str], str] = {}

# Pages other than the map, by the URL paths links use (ui/frame.py keeps them).
PAGES = ("Partnerships", "Funding", "Timeline", "Coverage", "Sources", "About")

# What `window.__pwned` and an injected element look like in any frame.
FIND_INJECTED = """() => {
  const found = [];
  if (typeof window.__pwned !== "undefined") found.push("window.__pwned = " + String(window.__pwned));
  const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const squashed = attr.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
      if (name.startsWith("on") && squashed.includes("__pwned")) found.push(`<${el.localName} ${name}="${attr.value}">`);
      if (urlAttributes.includes(name) && squashed.startsWith("javascript:")) found.push(`<${el.localName} ${name}="${attr.value.slice(0, 200)}">`);
    }
    if (el.localName === "script" && el.textContent.includes("__pwned")) found.push(`<script>${el.textContent.slice(0, 200)}`);
  }
  return found;
}"""


def _encoded(value: str) -> str:
    return quote(value, safe="")


def _query_values() -> dict[str, str]:
    """Every value by name, as it goes into the query string."""
    return {name: _encoded(value) for name, value in {**SCRIPTS, **LONG}.items()} | BROKEN


QUERY_VALUES = _query_values()
# The values whose markup must never reach HTML as it is (text nodes escape < >, attributes ").
MARKUP = {name: value for name, value in {**SCRIPTS, **LONG}.items() if re.search(r'[<>"]', value)}


def _short(url: str, limit: int = 300) -> str:
    return url if len(url) <= limit else f"{url[:limit]}… ({len(url)} characters)"


def _links(pairs: Iterable[tuple[str, str]], path: str = "/") -> list[str]:
    """Query strings for (key, encoded value) pairs, as few as keep each under MAX_URL_CHARS."""
    links: list[list[str]] = [[]]
    for key, value in pairs:
        item = f"{key}={value}"
        if links[-1] and len("&".join([*links[-1], item])) > MAX_URL_CHARS:
            links.append([])
        links[-1].append(item)
    return [f"{path}?{'&'.join(items)}" for items in links]


def _pairs(name: str, params: Iterable[str]) -> list[tuple[str, str]]:
    value = QUERY_VALUES[name]
    return [(value, "1") if param == AS_KEY else (param, value) for param in params]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    """The data the app serves."""
    return load_dataset(data_dir_from_environment())


@pytest.fixture(scope="module")
def valid(dataset: Dataset) -> dict[str, str]:
    """A value each parameter really takes."""
    ids = list(dataset.partnerships["id"])
    return {
        "theme": dataset.theme_ids[0],
        "kind": str(dataset.partnerships["kind"].iloc[0]),
        "funder": str(dataset.funders["id"].iloc[0]),
        "country": countries(dataset)[0],
        "programme": str(dataset.programmes["id"].iloc[0]),
        "year": str(years(dataset)[-2]),
        "lang": "uk",
        "p": ids[0],
        "tiles": "off",
        "present": "1",
        "tour": f"{ids[0]},{ids[1]}",
        "step": "1",
        "table": "1",
        UNKNOWN: "newsletter",
    }


class Checker:
    """Opens links in one page and lists what a reader (and the server log) would see go wrong."""

    def __init__(self, page: Page, server, open_app: Callable[..., Page], wait_for_map: Callable) -> None:
        self.page, self.server, self.open_app, self.wait_for_map = page, server, open_app, wait_for_map
        self.went_wrong = {t("unexpected_error", lang) for lang in LANGUAGES}

    def _log_size(self) -> int:
        try:
            return self.server.log_path.stat().st_size
        except OSError:
            return 0

    def problems(self, link: str, markup: Iterable[str] = (), draws_map: bool = True) -> list[str]:
        page = self.page
        log_start = self._log_size()
        self.open_app(page, self.server, link)
        found: list[str] = []
        if page.get_by_test_id("stException").count():
            found.append(
                "a Streamlit exception box: " + " | ".join(page.get_by_test_id("stException").all_inner_texts())
            )
        errors = page.get_by_test_id("stAlertContentError").all_inner_texts()
        if errors:
            found.append(f"an error banner: {errors}")
        body = page.locator("body").inner_text()
        if "Traceback" in body:
            found.append("'Traceback' in the page")
        found += [f"{text!r} in the page" for text in self.went_wrong if text in body and not errors]
        if not found:  # a page that failed has no map: don't wait 30 s for it
            try:
                if draws_map:
                    self.wait_for_map(page)
                else:
                    expect(page.locator("h1").first).to_be_visible(timeout=UI_TIMEOUT_MS)
            except AssertionError:
                found.append("the map did not draw" if draws_map else "the page has no title")
        for frame in page.frames:
            where = "the page" if frame == page.main_frame else f"frame {_short(frame.url, 80)}"
            found += [f"injected into {where}: {item}" for item in frame.evaluate(FIND_INJECTED)]
            content = frame.content()
            found += [f"unescaped in {where}'s HTML: {_short(text, 80)!r}" for text in markup if text in content]
        with self.server.log_path.open("rb") as log:
            log.seek(log_start)
            logged = log.read().decode("utf-8", errors="replace")
        if "Traceback" in logged:
            found.append("a traceback in the server log:\n" + logged[logged.index("Traceback") :][-1500:])
        return found

    def failures(
        self, links: Iterable[str], markup: Iterable[str] = (), draws_map: bool = True
    ) -> dict[str, list[str]]:
        """Link -> what went wrong, for the links where something did."""
        found = {link: self.problems(link, markup, draws_map) for link in links}
        return {link: problems for link, problems in found.items() if problems}

    def check(self, links: Iterable[str], markup: Iterable[str] = (), draws_map: bool = True) -> None:
        failures = self.failures(links, markup, draws_map)
        assert not failures, _report(failures)


def _report(failures: dict[str, list[str]]) -> str:
    return "\n".join(f"{_short(link)}\n  " + "\n  ".join(found) for link, found in failures.items())


@pytest.fixture
def checker(page: Page, app_server, open_app: Callable[..., Page], wait_for_map: Callable) -> Checker:
    return Checker(page, app_server, open_app, wait_for_map)


def test_the_parameter_list_is_complete() -> None:
    """PARAMS names every query parameter the app reads, and nothing else.

    Read from the source: `st.query_params.get("x")`, `.get_all("x")`, `["x"]`, a helper named
    like `_param("x")` / `_int_param("x")`, and the filters' keys (read by their list, filter_keys()).
    """
    sources = [REPO_ROOT / "app.py", *(REPO_ROOT / "ui").glob("*.py"), *(REPO_ROOT / "pages").glob("*.py")]
    patterns = (
        r"query_params(?:\.get(?:_all)?\(|\[)\s*[\"'](\w+)[\"']",
        r"\b\w*param\w*\(\s*[\"'](\w+)[\"']",
    )
    text = "\n".join(path.read_text(encoding="utf-8") for path in sources if path.exists())
    read = {name for pattern in patterns for name in re.findall(pattern, text)}
    assert read, "no st.query_params reads found: has the URL state moved?"
    assert set(PARAMS) == read | set(filter_keys())


def test_the_checks_see_an_injection(page: Page) -> None:
    """The injection check itself, on a page that has been injected into."""
    page.set_content(
        '<a href="  JavaScript:window.__pwned=1">link</a>'
        '<img src="data:," onerror="window.__pwned=1">'
        "<script>window.__pwned = 1</script>"
    )
    found = "\n".join(page.main_frame.evaluate(FIND_INJECTED))
    for sign in ("window.__pwned = 1", "<img onerror=", "<a href=", "<script>"):
        assert sign in found, found


def _value_cases() -> list:
    """Each value in every parameter at once (known bugs left out), and each known bug alone."""
    cases = [
        pytest.param(name, [key for key in (*ALL_PARAMS, AS_KEY) if (key, name) not in KNOWN_BUGS], id=name)
        for name in QUERY_VALUES
    ]
    cases += [
        pytest.param(name, [param], id=f"{name}-in-{param}", marks=pytest.mark.xfail(strict=True, reason=reason))
        for (param, name), reason in KNOWN_BUGS.items()
    ]
    return cases


@pytest.mark.parametrize(("name", "params"), _value_cases())
def test_value_in_every_parameter(checker: Checker, name: str, params: list[str]) -> None:
    markup = [MARKUP[name]] if name in MARKUP else []
    failures = checker.failures(_links(_pairs(name, params)), markup)
    if failures and len(params) > 1:
        # Name the guilty parameters: open the value in each one alone.
        guilty = [key for key in params if checker.failures(_links(_pairs(name, [key])), markup)]
        pytest.fail(f"value {name!r} breaks the app through {guilty or 'no parameter alone'}:\n{_report(failures)}")
    assert not failures, _report(failures)


@pytest.mark.parametrize("param", ALL_PARAMS)
def test_repeated_parameter(checker: Checker, valid: dict[str, str], param: str) -> None:
    """`?x=good&x=junk&x=<hostile>`: st.query_params.get takes the last, get_all (theme) all three.

    The link also opens a running tour in presenter mode, in Ukrainian, without online tiles,
    so the value meets the app's busiest view."""
    busy = [(key, quote(valid[key], safe=",")) for key in ("lang", "present", "tiles", "tour", "step") if key != param]
    repeated = [(param, quote(valid[param], safe=",")), (param, BROKEN["encoding-junk"]), (param, _encoded(POLYGLOT))]
    checker.check(_links([*busy, *repeated]), markup=[POLYGLOT])


def test_repeated_parameters_from_the_issue(checker: Checker, dataset: Dataset, valid: dict[str, str]) -> None:
    themes = dataset.theme_ids[:2]
    checker.check(
        [
            "/?theme=a&theme=b&lang=da&lang=uk",
            f"/?theme={themes[0]}&theme={themes[-1]}&lang=da&lang=uk&year={valid['year']}&year=",
        ]
    )


def _mixed_broken(params: Iterable[str]) -> list[tuple[str, str]]:
    """Each parameter a different broken value (a known bug's pair gets a harmless one)."""
    names = list(BROKEN)
    pairs = []
    for index, key in enumerate(params):
        name = names[index % len(names)]
        pairs += _pairs("negative" if (key, name) in KNOWN_BUGS else name, [key])
    return pairs


@pytest.mark.parametrize("path", PAGES)
def test_other_pages(checker: Checker, path: str) -> None:
    """The explore pages read the same parameters (the frame's URL state) and draw no map: each shows its title."""
    links = [
        *_links(_pairs("polyglot", (*ALL_PARAMS, AS_KEY)), f"/{path}"),
        *_links(_mixed_broken((*ALL_PARAMS, AS_KEY)), f"/{path}"),
    ]
    checker.check(links, markup=[POLYGLOT], draws_map=False)


ECHO_MARKER = "zz-echo-marker-4711"


@pytest.mark.parametrize("param", ["lang", "p"])
def test_a_dropped_lang_or_p_is_not_echoed(page: Page, app_server, open_app: Callable[..., Page], param: str) -> None:
    """Whatever its encoding, a value the app does not use must not come back in the page.

    The marker is made of characters no encoding changes, so it finds the value raw,
    HTML-escaped or percent-encoded."""
    value = f'"><img src=x onerror="window.__pwned=1">{ECHO_MARKER}'
    open_app(page, app_server, f"/?{param}={_encoded(value)}")
    echoed = [frame.url for frame in page.frames if ECHO_MARKER in frame.content()]
    assert not echoed, f"/?{param}={_encoded(value)} is echoed in {echoed}"
