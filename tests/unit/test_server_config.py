"""Streamlit's own protections stay on in the config the app really runs with.

The app faces the public, so: XSRF and CORS protection on (Streamlit's defaults), no
tracebacks or exception types shown to readers, no usage statistics sent anywhere.

The config is read the way `streamlit run` reads it (streamlit.config.get_config_options):
the repo's .streamlit/config.toml from the working directory and next to app.py, then the
command-line flags: those of each Makefile target that starts the app (`make run`, ...),
and none at all (a host that runs a bare `streamlit run app.py`). A developer's own ~/.streamlit/config.toml and STREAMLIT_*
variables are kept out: this is about what the repository ships.
"""

from __future__ import annotations

import os
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from streamlit import config

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG_FILE = Path(".streamlit") / "config.toml"


def makefile_runs(makefile: Path) -> dict[str, dict[str, Any]]:
    """The `--section.option value` flags of each Makefile recipe that starts the app, by target.

    Typed as the CLI types them; values from make variables (`$(PORT)`) are left out.
    """
    runs: dict[str, dict[str, Any]] = {}
    target = None
    for line in makefile.read_text(encoding="utf-8").replace("\\\n", " ").splitlines():
        if not line.startswith("\t"):
            # A rule line names its target; anything else (variables, comments) ends the recipe.
            rule = re.match(r"([A-Za-z][\w.-]*):(?!=)", line)
            target = rule.group(1) if rule else (target if not line.strip() else None)
        elif target and "streamlit run" in line:
            flags = runs.setdefault(target, {})
            for name, raw in re.findall(r"--([A-Za-z]+\.[A-Za-z]+)[ =](\"[^\"]*\"|\S+)", line):
                value = raw.strip('"')
                if "$(" not in value:
                    flags[name] = {"true": True, "false": False}.get(value.lower(), value)
    return runs


def effective_options(
    monkeypatch: pytest.MonkeyPatch, home: Path, project: Path, flags: dict[str, Any]
) -> dict[str, Any]:
    """Every option's value as `streamlit run app.py <flags>` started in `project` would see it."""
    monkeypatch.setenv("HOME", str(home))  # no developer's ~/.streamlit/config.toml
    for name in [name for name in os.environ if name.startswith("STREAMLIT_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(project)  # $CWD/.streamlit/config.toml
    monkeypatch.setattr(config, "_main_script_path", str(project / "app.py"))  # the script's .streamlit/
    # Restored after the test, so other tests see the config they saw before.
    monkeypatch.setattr(config, "_config_options", None)
    options = config.get_config_options(force_reparse=True, options_from_flags=flags)
    return {name: option.value for name, option in options.items()}


# Every `make` target that starts the app, and a bare `streamlit run app.py` (a host that
# passes no flags): each must be safe.
MAKEFILE = REPO_ROOT / "Makefile"
RUNS = {f"make-{target}": flags for target, flags in makefile_runs(MAKEFILE).items()} | {"bare-streamlit-run": {}}


@pytest.fixture(params=list(RUNS))
def as_run(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """The repo's effective config, started each way in RUNS."""
    return effective_options(monkeypatch, tmp_path / "home", REPO_ROOT, RUNS[request.param])


def test_config_file_parses() -> None:
    # Streamlit logs a TOML syntax error and carries on with its defaults: make that loud here.
    tomllib.loads((REPO_ROOT / CONFIG_FILE).read_text(encoding="utf-8"))


def test_the_run_recipes_are_found() -> None:
    runs = makefile_runs(MAKEFILE)
    assert "run" in runs, runs
    assert all(flags.get("server.headless") is True for flags in runs.values()), runs


def test_xsrf_protection_is_on(as_run: dict[str, Any]) -> None:
    assert as_run["server.enableXsrfProtection"] is True


def test_cors_protection_is_on(as_run: dict[str, Any]) -> None:
    assert as_run["server.enableCORS"] is True
    # Each listed origin could talk to the app from another site; none is trusted.
    assert as_run["server.corsAllowedOrigins"] == []
    # Development mode sends `Access-Control-Allow-Origin: *`.
    assert as_run["global.developmentMode"] is False


def test_readers_see_no_error_details(as_run: dict[str, Any]) -> None:
    # "none": a generic message only; tracebacks, exception types and messages go to the server log.
    assert as_run["client.showErrorDetails"] == "none"


def test_no_usage_statistics(as_run: dict[str, Any]) -> None:
    assert as_run["browser.gatherUsageStats"] is False


# The check itself: switching a protection off in either place the app reads is noticed.


def _project_with(tmp_path: Path, extra_server_toml: str) -> Path:
    project = tmp_path / "project"
    (project / ".streamlit").mkdir(parents=True)
    text = (REPO_ROOT / CONFIG_FILE).read_text(encoding="utf-8")
    # Into the existing [server] table, replacing the option if it is already set
    # (a second [server] header or a repeated key would be invalid TOML).
    option = extra_server_toml.split("=")[0].strip()
    text = re.sub(rf"^\s*{option}\s*=.*\n", "", text, flags=re.MULTILINE)
    text = text.replace("[server]\n", f"[server]\n{extra_server_toml}\n", 1)
    (project / CONFIG_FILE).write_text(text, encoding="utf-8")
    shutil.copy(REPO_ROOT / "app.py", project / "app.py")
    return project


@pytest.mark.parametrize(
    ("line", "option"),
    [
        ("enableXsrfProtection = false", "server.enableXsrfProtection"),
        ("enableCORS = false", "server.enableCORS"),
    ],
)
def test_switching_off_in_config_toml_is_seen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, line: str, option: str
) -> None:
    project = _project_with(tmp_path, line)
    options = effective_options(monkeypatch, tmp_path / "home", project, makefile_runs(MAKEFILE)["run"])
    assert options[option] is False


def test_switching_off_by_flag_is_seen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    makefile = tmp_path / "Makefile"
    text = MAKEFILE.read_text(encoding="utf-8")
    switched_off = text.replace("--server.headless true", "--server.headless true --server.enableXsrfProtection false")
    assert switched_off != text
    makefile.write_text(switched_off, encoding="utf-8")
    options = effective_options(monkeypatch, tmp_path / "home", REPO_ROOT, makefile_runs(makefile)["run"])
    assert options["server.enableXsrfProtection"] is False
