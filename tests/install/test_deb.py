"""The .deb on this Debian machine: installed with dpkg, smoke-tested through the launchers on
PATH; a newer build installed over it keeps the data and the program migrates the store after
its automatic backup; removing the package keeps the data. Needs root (CI runs as root)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command

from hexi_care.db import migrate
from hexi_care.db.engine import make_engine
from hexi_care.db.store import default_backup_dir, unlock

from .conftest import run
from .smoke import ADMIN_PW, CENTRE_PW, Installed, note, smoke

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.name != "posix" or os.geteuid() != 0 or shutil.which("dpkg") is None,
        reason="installs a package: needs dpkg and root (as in CI)",
    ),
]
PACKAGE = "hexi-care"
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def dpkg(*args: str) -> str:
    proc = subprocess.run(["dpkg", *args], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def installed_version() -> str | None:
    proc = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status} ${Version}", PACKAGE], capture_output=True, text=True
    )
    if proc.returncode != 0 or not proc.stdout.startswith("install ok installed"):
        return None
    return proc.stdout.rsplit(" ", 1)[1]


@pytest.fixture(scope="session")
def debs(frozen: Path, source_tree: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two builds of the package from the same frozen folder: revision 1 and a newer revision 2."""
    out = tmp_path_factory.mktemp("debs")
    script = str(source_tree / "installer" / "linux" / "build-deb")
    made = [
        Path(
            run([script, "--frozen", str(frozen), "--out", str(out), "--revision", r], out)
            .strip()
            .splitlines()[-1]
        )
        for r in ("1", "2")
    ]
    note(f".deb: {made[0].name}, {made[0].stat().st_size / 2**20:.0f} MiB")
    return made


#: The package is installed machine-wide: test runs of several checkouts on one machine take
#: turns (a lock file every run of this test holds while it installs, upgrades and removes).
LOCK = (
    Path("/run/lock") if Path("/run/lock").is_dir() else Path("/tmp")
) / "hexi-care-deb-test.lock"


@pytest.fixture
def clean_system() -> Iterator[None]:
    import fcntl  # POSIX only, like this test

    with LOCK.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # waits while another run's .deb test is under way
        if installed_version() is not None:
            # Not ours to remove, and a silent skip would hide the test: say what to do.
            pytest.fail("hexi-care is already installed here: `dpkg --purge hexi-care`, then again")
        try:
            yield
        finally:
            if installed_version() is not None:
                dpkg("--purge", PACKAGE)


def _make_older(store: Path) -> bytes:
    """Turn the store back to the first schema, as an older program left it; returns its key."""
    opened = unlock(store, "admin", ADMIN_PW)
    key = opened.data_key
    opened.lock()
    engine = make_engine(store, key)
    try:
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys = OFF")  # as migrate.upgrade: tables are recreated
            with conn.begin():
                command.downgrade(migrate.alembic_config(conn), "0001")
        assert migrate.current_revision(engine) == "0001"
    finally:
        engine.dispose()
    return key


def test_the_deb_installs_upgrades_and_removes_keeping_the_data(
    debs: list[Path], version: str, outside: tuple[Path, Path], clean_system: None
) -> None:
    home, work = outside
    first, newer = debs
    dpkg("--install", str(first))
    assert installed_version() == f"{version}-1"
    for launcher in ("hexi-care", "hexi-care-gui"):
        assert shutil.which(launcher, path=SYSTEM_PATH) == f"/usr/bin/{launcher}"
    desktop = Path("/usr/share/applications/hexi-care.desktop").read_text(encoding="utf-8")
    assert "\nName=儿童关爱服务\n" in desktop
    assert "\nCategories=Office;\n" in desktop and "\nIcon=hexi-care\n" in desktop
    assert Path("/usr/share/icons/hicolor/256x256/apps/hexi-care.png").is_file()

    # The launchers on PATH, as a user types them.
    app = Installed(
        cli=["hexi-care"], gui=["hexi-care-gui"], home=home, work=work, env={"PATH": SYSTEM_PATH}
    )
    result = smoke(app, version)
    note(f".deb smoke: ok (launch to unlock dialog {result.window_seconds:.2f} s)")

    # The user's own store in the default place (platformdirs), made by this version.
    app.run("--password-stdin", "init", "--admin", "admin", stdin=ADMIN_PW + "\n")
    data = home / ".local" / "share" / "hexi-care"
    store = data / "store.hexi"
    assert store.is_file()

    def as_admin(*args: str, stdin: str = "") -> str:
        user = ("--user", "admin", "--password-stdin")
        return app.run(*user, *args, stdin=f"{ADMIN_PW}\n{stdin}").stdout

    centre = ("centre", "--role", "centre_supervisor", "--unit", "河西区")
    as_admin("user", "add", *centre, stdin=CENTRE_PW + "\n")
    as_admin("demo", "--children", "20")
    key = _make_older(store)

    # A newer build over it: the data stays; the first unlock backs the store up, then migrates.
    dpkg("--install", str(newer))
    assert installed_version() == f"{version}-2"
    assert store.is_file()
    assert not list(default_backup_dir(store).glob("*before-upgrade*"))
    listed = app.run(
        "--user", "centre", "--password-stdin", "child", "list", "--json", stdin=CENTRE_PW + "\n"
    ).stdout
    assert len(json.loads(listed)) == 20
    backups = list(default_backup_dir(store).glob("*before-upgrade*.hexibak"))
    assert len(backups) == 1
    engine = make_engine(store, key)
    try:
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()

    # Removing (and purging) the program leaves every user's data where it was.
    kept = sorted(p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file())
    dpkg("--purge", PACKAGE)
    assert installed_version() is None
    assert not Path("/opt/hexi-care").exists()
    assert shutil.which("hexi-care", path=SYSTEM_PATH) is None
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file()) == kept
    note(
        "data lives in ~/.local/share/hexi-care (store, key slots, backups in store.hexi.backups/),"
        " settings in HEXI_CARE_SETTINGS or ~/.config/hexi-care, logs in ~/.local/state/hexi-care/log;"
        " kept on upgrade and purge: " + ", ".join(k for k in kept if k.startswith(".local/share"))
    )
