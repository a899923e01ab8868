"""The docs say what the files do: README commands exist, the data contract lists every column."""

from __future__ import annotations

import json
import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def makefile_targets() -> set[str]:
    text = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-zA-Z][\w-]*):", text, flags=re.MULTILINE))


def test_readme_opens_with_the_two_commands_and_make_has_them() -> None:
    first_lines = (REPO_ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:5]
    opening = "\n".join(first_lines)
    assert "make run" in opening and "make test" in opening
    assert {"run", "test"} <= makefile_targets()


def test_every_make_command_the_docs_mention_exists() -> None:
    docs = [REPO_ROOT / "README.md", REPO_ROOT / "data" / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
    mentioned = {
        target for doc in docs for target in re.findall(r"`make ([a-z][\w-]*)", doc.read_text(encoding="utf-8"))
    }
    assert mentioned, "the docs should name their commands"
    assert mentioned <= makefile_targets(), f"documented but not in the Makefile: {mentioned - makefile_targets()}"


def contract_files() -> dict[str, list[str]]:
    """Every file datapackage.json describes (the facts and the reference tables), with its columns."""
    package = json.loads((REPO_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    return {
        resource["path"]: [field["name"] for field in resource["schema"]["fields"]] for resource in package["resources"]
    }


def test_data_readme_documents_every_file_and_column_of_the_datapackage() -> None:
    readme = (REPO_ROOT / "data" / "README.md").read_text(encoding="utf-8")
    sections = re.split(r"^### ", readme, flags=re.MULTILINE)
    for file, columns in contract_files().items():
        section = next((s for s in sections if s.startswith(file)), None)
        assert section is not None, f"data/README.md has no section for {file}"
        documented = {
            name.strip()
            for cell in re.findall(r"^\| ([^|]+) \|", section, flags=re.MULTILINE)
            for name in cell.split(",")
        }
        missing = set(columns) - documented
        assert not missing, f"{file}: columns not documented in data/README.md: {sorted(missing)}"


def test_every_csv_in_data_is_part_of_the_contract() -> None:
    assert {path.name for path in (REPO_ROOT / "data").glob("*.csv")} == set(contract_files())


def test_test_modules_have_unique_names() -> None:
    """pytest's default import mode cannot collect two test files with the same name."""
    names = [path.name for path in (REPO_ROOT / "tests").rglob("test_*.py")]
    assert len(names) == len(set(names)), sorted(name for name in names if names.count(name) > 1)


def test_make_serve_binds_what_the_readme_says(tmp_path: Path) -> None:
    import os
    import subprocess

    env = dict(os.environ, ADDRESS="0.0.0.0", PORT="9123", BASE_URL_PATH="partnerships")
    command = subprocess.run(
        ["make", "-n", "serve"], cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    for flag in ('--server.address "0.0.0.0"', '--server.port "9123"', '--server.baseUrlPath "partnerships"'):
        assert flag in command
    deploy = (REPO_ROOT / "README.md").read_text(encoding="utf-8").split("## Deploy", 1)[1].split("\n## ", 1)[0]
    for variable in ("ADDRESS", "PORT", "BASE_URL_PATH", "PARTNERSHIP_MAP_DATA"):
        assert variable in deploy


def test_readme_deploy_files_exist_and_every_deploy_file_is_explained() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(deploy/[\w.-]+)`", readme))
    present = {f"deploy/{path.name}" for path in (REPO_ROOT / "deploy").iterdir()}
    assert named == present


def test_data_readme_walks_a_spreadsheet_user_through_in_english_and_danish() -> None:
    readme = (REPO_ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for heading in ("## Editing the data in Excel", "## Redigering af data i Excel"):
        assert heading in readme
        section = readme.split(heading, 1)[1].split("\n## ", 1)[0]
        steps = re.findall(r"^\d\. \*\*(\w+)", section, flags=re.MULTILINE)
        assert len(steps) == 4, steps  # export, edit, import, check
        for command in ("make export-workbook", "make import-workbook FILE=", "make check-data"):
            assert command in section, (heading, command)
    assert {"export-workbook", "import-workbook", "check-data"} <= makefile_targets()
