"""The keys the code asks `t()` for against the English template, locale/messages.pot.

`python -m partnerships.i18n_check` (run by `make translations` before `pybabel update`) lists
keys the code uses that the template lacks, and template keys no code uses, and exits 1 if
there are any. Keys are read with `ast`, not run: a literal first argument of `t()` or
`open_page()`, a literal `key=`/`help_key=` of a `FilterSpec`, and for keys built at run time
(`t(f"status_{...}")`) the literal prefix, which must be one of DYNAMIC_PREFIXES.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from partnerships.i18n import english

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = ("ui", "pages", "partnerships", "mapview", "geo")
# Calls whose first argument is a key (a FilterSpec's key is its label key), and the
# FilterSpec field that holds one.
KEY_CALLS = ("t", "open_page", "FilterSpec")
KEY_SPEC, KEY_FIELDS = "FilterSpec", ("key", "help_key")
# Keys passed to t() through a variable, each with where.
INDIRECT_KEYS = {
    "funding_by_funder": "pages/2_Funding.py",
    "funding_by_programme": "pages/2_Funding.py",
}
# Keys built at run time from a value: every template key with one of these prefixes counts as used.
DYNAMIC_PREFIXES = (
    "country_",  # places.csv country (filters, map tooltips)
    "status_",  # partnerships.csv status
    "qualifier_",  # figures.csv qualifier
    "kind_",  # partnerships.csv kind of tie; timeline row kinds
    "shape_",  # timeline period shapes
    "side_",  # coverage page sides
    "rate_basis_",  # exchange-rate basis
    "language_name_",  # sources.csv language
    "page_",  # page titles in ui/frame.py PAGES
)


def source_files(root: Path = ROOT) -> list[Path]:
    files = [root / "app.py"]
    for folder in SOURCE_DIRS:
        files += sorted((root / folder).rglob("*.py"))
    return [path for path in files if path.is_file()]


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def used_keys(root: Path = ROOT) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Literal keys and run-time key prefixes found in the code, each with where it was found."""
    keys: dict[str, list[str]] = {}
    prefixes: dict[str, list[str]] = {}
    for path in source_files(root):
        where = str(path.relative_to(root))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=where)):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            arguments: list[ast.expr] = []
            if name in KEY_CALLS and node.args:
                arguments.append(node.args[0])
            if name == KEY_SPEC:
                arguments += [keyword.value for keyword in node.keywords if keyword.arg in KEY_FIELDS]
            for argument in arguments:
                where_line = f"{where}:{argument.lineno}"
                if (key := _literal(argument)) is not None:
                    if key:
                        keys.setdefault(key, []).append(where_line)
                elif isinstance(argument, ast.JoinedStr) and argument.values:
                    prefix = _literal(argument.values[0]) or ""
                    prefixes.setdefault(prefix, []).append(where_line)
    return keys, prefixes


def template_keys() -> set[str]:
    return set(english())


def problems(root: Path = ROOT) -> list[str]:
    keys, prefixes = used_keys(root)
    known = template_keys()
    found = [
        f"{key}: listed in INDIRECT_KEYS but not in locale/messages.pot" for key in INDIRECT_KEYS if key not in known
    ]
    found += [
        f"{key}: used in {', '.join(places)} but not in locale/messages.pot"
        for key, places in sorted(keys.items())
        if key not in known
    ]
    for prefix, places in sorted(prefixes.items()):
        if prefix not in DYNAMIC_PREFIXES:
            found.append(f't(f"{prefix}...") in {", ".join(places)}: add the prefix to DYNAMIC_PREFIXES')
        elif not any(key.startswith(prefix) for key in known):
            found.append(f't(f"{prefix}...") in {", ".join(places)}: no key with that prefix in the template')
    used = set(keys) | set(INDIRECT_KEYS)
    unused = sorted(key for key in known if key not in used and not key.startswith(DYNAMIC_PREFIXES))
    found += [f"{key}: in locale/messages.pot but no code uses it" for key in unused]
    return found


def main() -> int:
    found = problems()
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        return 1
    print(f"{len(template_keys())} keys in locale/messages.pot, all used by the code.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
