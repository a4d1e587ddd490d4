"""The README and docs stand alone and their examples run as written: every `console` session is
run line by line with its printed lines checked, the JSON inputs of docs/cli.md are fed to their
commands, every command a table documents exists, and no link leaves the repository."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hexi_care.cli import run

from .smoke import CHECKOUT

DOCS = [CHECKOUT / "README.md", *sorted((CHECKOUT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)


def blocks(kind: str) -> list[tuple[Path, str]]:
    found = []
    for doc in DOCS:
        for m in FENCE.finditer(doc.read_text(encoding="utf-8")):
            if m.group(1) == kind:
                found.append((doc, m.group(2)))
    return found


def expected_line(line: str) -> re.Pattern[str]:
    """A printed line as the docs show it: `…` for what differs, any run of blanks for blanks."""
    parts = [r"\s+".join(map(re.escape, p.split())) for p in line.split("…")]
    return re.compile(".*".join(parts))


def session(text: str) -> list[tuple[str, list[str]]]:
    steps: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif line.strip():
            assert steps, f"output before any command: {line}"
            steps[-1][1].append(line)
    return steps


CONSOLE = blocks("console")


def test_there_are_console_sessions_to_run() -> None:
    assert CONSOLE, "no ```console example in README.md or docs/"


@pytest.mark.parametrize(("doc", "text"), CONSOLE, ids=[d.name for d, _ in CONSOLE])
def test_console_sessions_run_as_written(doc: Path, text: str, tmp_path: Path) -> None:
    steps = session(text)
    marker = "@@hexi-care-docs-step@@"
    script = ["set -eo pipefail"]
    for i, (command, _) in enumerate(steps):
        script += [f"echo {marker}{i}", command]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEXI_CARE_", "XDG_"))}
    env.update(
        HOME=str(tmp_path),
        HEXI_CARE_LOGS=str(tmp_path / "logs"),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        LANG="C.UTF-8",
    )
    proc = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    outputs = re.split(rf"^{marker}\d+\n", proc.stdout, flags=re.M)[1:]
    assert proc.returncode == 0, (
        f"{doc.name}: `{steps[len(outputs) - 1][0]}` failed:\n{proc.stderr}"
    )
    assert len(outputs) == len(steps)
    for (command, shown), printed in zip(steps, outputs, strict=True):
        lines = printed.splitlines()
        position = 0
        for want in shown:
            pattern = expected_line(want)
            while position < len(lines) and not pattern.fullmatch(lines[position]):
                position += 1
            assert position < len(lines), (
                f"{doc.name}: `{command}` did not print {want!r}:\n{printed}"
            )
            position += 1


def _cli(store: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--store", str(store), "--password-stdin", *args], io.StringIO(stdin), out, err)
    return code, out.getvalue(), err.getvalue()


def test_the_json_inputs_of_the_command_line_guide_are_accepted(tmp_path: Path) -> None:
    text = (CHECKOUT / "docs" / "cli.md").read_text(encoding="utf-8")
    inputs = dict(re.findall(r"^### Input for `([a-z ]+)`\n```json\n(.*?)^```", text, re.M | re.S))
    assert set(inputs) == {
        "child add",
        "visit add",
        "child edit",
        "household edit",
        "guardian edit",
    }
    store = tmp_path / "docs.hexi"
    assert _cli(store, "init", "--admin", "admin", stdin="admin-pass-1\n")[0] == 0
    admin = ("--user", "admin")
    assert _cli(store, *admin, "unit", "add", "紫金里社区", "--parent", "大营门街",
                stdin="admin-pass-1\n")[0] == 0  # fmt: skip
    director = ("zhang", "--role", "director", "--unit", "紫金里社区")
    assert _cli(store, *admin, "user", "add", *director, stdin="admin-pass-1\ndir-pass-1\n")[0] == 0

    code, out, err = _cli(
        store,
        "--user",
        "zhang",
        "child",
        "add",
        "--json",
        stdin="dir-pass-1\n" + inputs["child add"],
    )
    assert code == 0, err  # the ID number's check character was wrong here once
    child = json.loads(out)
    code, out, err = _cli(
        store, "--user", "zhang", "visit", "add", "--child", child["id"], "--json",
        stdin="dir-pass-1\n" + inputs["visit add"],
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["status"] == "submitted"

    def edit(what: str, ref: str) -> dict[str, object]:
        code, out, err = _cli(
            store, "--user", "zhang", what, "edit", ref, "--json",
            stdin="dir-pass-1\n" + inputs[f"{what} edit"],
        )  # fmt: skip
        assert code == 0, f"{what} edit: {err}"
        saved: dict[str, object] = json.loads(out)
        return saved

    assert edit("child", child["id"][:6])["grade"] == "四年级"
    assert edit("household", child["household_id"])["address"] == "紫金山路5号"
    code, out, err = _cli(
        store, "--user", "zhang", "child", "show", child["id"], "--json", stdin="dir-pass-1\n"
    )
    assert code == 0, err
    (guardian,) = json.loads(out)["guardians"]
    assert edit("guardian", guardian["id"])["phone"] == "13900000000"


def documented_commands() -> list[tuple[str, tuple[str, ...]]]:
    """Every `hexi-care WORDS …` that starts a table cell in the docs, as its command words."""
    found = []
    for doc in DOCS:
        for cell in re.findall(r"^\| `hexi-care ([^`]*)`", doc.read_text(encoding="utf-8"), re.M):
            words: list[str] = []
            for token in cell.split():
                if not re.fullmatch(r"[a-z][a-z-]*", token):
                    break
                words.append(token)
            if words:
                found.append((doc.name, tuple(words)))
    return found


def test_every_documented_command_exists() -> None:
    commands = documented_commands()
    assert len(commands) > 20
    for doc, words in commands:
        out, err = io.StringIO(), io.StringIO()
        with pytest.raises(SystemExit) as done:
            run([*words, "--help"], io.StringIO(), out, err)
        assert done.value.code == 0, f"{doc}: hexi-care {' '.join(words)}: {err.getvalue()}"


def test_no_link_leaves_the_repository() -> None:
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        assert "../shared" not in text, doc
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
            if re.match(r"[a-z]+:", target):
                continue  # a web address
            resolved = (doc.parent / target).resolve()
            assert resolved.is_relative_to(CHECKOUT), f"{doc.name} links outside: {target}"
            assert resolved.exists(), f"{doc.name} links to a missing file: {target}"
