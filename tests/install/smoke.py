"""The smoke test every installed form of the program must pass (wheel, frozen folder, .deb), run
from outside the checkout as a user would: the commands of docs/cli.md, then the window offscreen.

`Installed` names the two programs; everything runs with a clean environment (no checkout on the
path, no test-only settings, the real password derivation) in a temporary working folder.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

ADMIN_PW = "smoke-admin-pw-1"
CENTRE_PW = "smoke-centre-pw-1"
CHECKOUT = Path(__file__).resolve().parents[2]
#: Variables of the test run that must not reach the installed program.
DROPPED = (
    "PYTHONPATH",
    "HEXI_CARE_FAST_KDF",
    "HEXI_CARE_RESOURCES",
    "HEXI_CARE_STORE",
    "HEXI_CARE_DATA",
    "HEXI_CARE_DEMO_STORE",
    "VIRTUAL_ENV",
)
#: Figures for the end of the run (sizes, timings, where data lives): tests/install/conftest.py.
FIGURES: list[str] = []


def note(line: str) -> None:
    FIGURES.append(line)


@dataclass
class Installed:
    cli: list[str]  # the command line program (argv prefix)
    gui: list[str]  # the window program
    home: Path  # HOME of the pretend user, under which the data folder lives
    work: Path  # the working folder (outside the checkout)
    env: dict[str, str] = field(default_factory=dict)

    def environ(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in DROPPED and not k.startswith("XDG_")}
        env.update(
            HOME=str(self.home),
            HEXI_CARE_LOGS=str(self.home / "logs"),
            HEXI_CARE_SETTINGS=str(self.home / "settings.ini"),
            HEXI_CARE_NO_DIALOGS="1",
            QT_QPA_PLATFORM="offscreen",
            LANG="C.UTF-8",
        )
        env.update(self.env)
        return env

    def run(
        self, *args: str, stdin: str = "", check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        assert not self.work.resolve().is_relative_to(CHECKOUT), "run outside the checkout"
        proc = subprocess.run(
            [*self.cli, *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=self.work,
            env=self.environ(),
            timeout=600,
        )
        if check:
            assert proc.returncode == 0, f"{args}: exit {proc.returncode}\n{proc.stderr}"
        return proc

    def as_user(self, store: Path, user: str, password: str, *args: str, stdin: str = "") -> str:
        return self.run(
            "--store",
            str(store),
            "--user",
            user,
            "--password-stdin",
            *args,
            stdin=f"{password}\n{stdin}",
        ).stdout

    def log_text(self) -> str:
        log = self.home / "logs" / "hexi-care.log"
        return log.read_text(encoding="utf-8") if log.exists() else ""


def window_opens_and_closes(app: Installed, store: Path, timeout: float = 120.0) -> float:
    """Starts the window offscreen on `store`, waits for the unlock dialog, ends it with SIGTERM
    (as a logout does); returns the seconds from launch to the dialog."""
    before = len(app.log_text())
    started = time.time()
    proc = subprocess.Popen(
        [*app.gui, "--store", str(store)],
        cwd=app.work,
        env=app.environ(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    shown: float | None = None
    try:
        while time.time() - started < timeout and proc.poll() is None:
            m = re.search(r"unlock dialog shown at ([0-9.]+)", app.log_text()[before:])
            if m:
                shown = float(m.group(1))
                break
            time.sleep(0.05)
        assert shown is not None, f"no unlock dialog (exit {proc.poll()})"
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err, err
    new_log = app.log_text()[before:]
    problems = [line for line in new_log.splitlines() if " WARNING " in line or " ERROR " in line]
    assert not problems, problems  # e.g. "translation file missing", a font not found
    return shown - started


@dataclass
class SmokeResult:
    store: Path
    children: int
    pdf: Path
    package: Path
    window_seconds: float


def smoke(app: Installed, version: str, folder: Path | None = None) -> SmokeResult:
    """The issue's smoke test: --version; init; user add; demo --children 50; child list --json;
    report summary; package export; store check; the window opens offscreen and closes."""
    folder = folder or app.work
    store = folder / "smoke.hexi"
    out = app.run("--version").stdout
    assert out.strip() == f"hexi-care {version}", out

    app.run(
        "--store", str(store), "--password-stdin", "init", "--admin", "admin", stdin=ADMIN_PW + "\n"
    )
    app.as_user(store, "admin", ADMIN_PW, "unit", "add", "紫金里社区", "--parent", "大营门街")
    app.as_user(
        store,
        "admin",
        ADMIN_PW,
        "user",
        "add",
        "centre",
        "--role",
        "centre_supervisor",
        "--unit",
        "河西区",
        stdin=CENTRE_PW + "\n",
    )
    app.as_user(store, "admin", ADMIN_PW, "demo", "--children", "50")

    children = json.loads(app.as_user(store, "centre", CENTRE_PW, "child", "list", "--json"))
    assert len(children) == 50, len(children)
    assert all(c["name"] and c["community_name"] for c in children)

    visits = json.loads(
        app.as_user(store, "centre", CENTRE_PW, "visit", "list", "--limit", "1", "--json")
    )
    pdf = folder / "summary.pdf"
    app.as_user(
        store,
        "centre",
        CENTRE_PW,
        "report",
        "summary",
        "--visit",
        visits[0]["id"],
        "--out",
        str(pdf),
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    assert "NotoSansSC" in fonts.stdout, fonts.stdout  # the bundled font, found where installed
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "走访" in text, text[:300]

    # package export needs a peer: a laptop store enrolled with this one (the centre).
    laptop = folder / "laptop.hexi"
    app.run(
        "--store",
        str(laptop),
        "--password-stdin",
        "init",
        "--admin",
        "admin",
        stdin=ADMIN_PW + "\n",
    )
    request, reply = folder / "request.hxr", folder / "reply.hxr"
    app.as_user(
        laptop,
        "admin",
        ADMIN_PW,
        "device",
        "request",
        "--out",
        str(request),
        "--unit",
        "紫金里社区",
    )
    app.as_user(store, "admin", ADMIN_PW, "device", "enrol", str(request), "--out", str(reply))
    app.as_user(laptop, "admin", ADMIN_PW, "device", "accept", str(reply))
    package = folder / "down.hxp"
    exported = json.loads(
        app.as_user(
            store,
            "centre",
            CENTRE_PW,
            "package",
            "export",
            "--to",
            "紫金里社区",
            "--out",
            str(package),
            "--json",
        )
    )
    assert package.exists() and package.read_bytes().startswith(b"HXCPKG"), exported

    check = json.loads(app.as_user(store, "admin", ADMIN_PW, "store", "check", "--json"))
    assert check.get("ok") is True, check

    seconds = window_opens_and_closes(app, store)
    return SmokeResult(store, len(children), pdf, package, seconds)
