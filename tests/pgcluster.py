"""A throwaway PostgreSQL cluster for tests and benchmarks: Debian's initdb and pg_ctl in a temporary
folder, on a free loopback port, stopped (and removed) afterwards. No mock, no shared server.

PostgreSQL refuses to run as root, so under root (CI containers) the cluster belongs to the
`postgres` system user that Debian's package creates, or `nobody` without it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "hexi_owner"  # the cluster's bootstrap superuser; owns the app's schema in tests


def pg_bindir() -> Path | None:
    """Where initdb and pg_ctl live: Debian keeps them out of PATH, one folder per version."""
    for name in ("pg_ctl",):
        found = shutil.which(name)
        if found:
            return Path(os.path.realpath(found)).parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    return Path(versions[-1]).parent if versions else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and no unprivileged user to run PostgreSQL as")


@dataclass
class Cluster:
    """One running cluster. `url(db, user)` gives a SQLAlchemy URL for the psycopg driver."""

    root: Path
    port: int
    bindir: Path
    owner: pwd.struct_passwd | None
    extra_conf: list[str] = field(default_factory=list)
    hba: list[str] | None = None  # replaces pg_hba.conf when given
    files: dict[str, bytes] = field(default_factory=dict)  # put in the data folder, mode 0600

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    def url(self, db: str = "postgres", user: str = SUPERUSER, password: str | None = None) -> str:
        auth = user if password is None else f"{user}:{password}"
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{db}"

    def _cmd(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        kwargs: dict[str, object] = {}
        if self.owner is not None:
            uid, gid = self.owner.pw_uid, self.owner.pw_gid

            def demote() -> None:
                os.setgid(gid)
                os.setuid(uid)

            kwargs["preexec_fn"] = demote
        env = {"PATH": f"{self.bindir}:/usr/bin:/bin", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        return subprocess.run(
            list(args),
            check=check,
            capture_output=True,
            text=True,
            env=env,
            cwd=self.root,
            **kwargs,  # type: ignore[arg-type]
        )

    def initdb(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        if self.owner is not None:
            for p in (self.root, self.socket_dir):
                os.chown(p, self.owner.pw_uid, self.owner.pw_gid)
        self._cmd(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        conf = [
            "listen_addresses = '127.0.0.1'",
            f"port = {self.port}",
            f"unix_socket_directories = '{self.socket_dir}'",
            "fsync = off",  # a throwaway cluster: speed over durability
            "full_page_writes = off",
            "max_connections = 60",
            "shared_buffers = 64MB",
            *self.extra_conf,
        ]
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as fh:
            fh.write("\n" + "\n".join(conf) + "\n")
        if self.hba is not None:
            self.files["pg_hba.conf"] = ("\n".join(self.hba) + "\n").encode()
        for name, content in self.files.items():
            target = self.data / name
            target.write_bytes(content)
            target.chmod(0o600)
            if self.owner is not None:
                os.chown(target, self.owner.pw_uid, self.owner.pw_gid)

    def start(self) -> None:
        self._cmd(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._cmd(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False
        )

    def psql(self, sql: str, db: str = "postgres") -> str:
        out = self._cmd(
            str(self.bindir / "psql"),
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            SUPERUSER,
            "-d",
            db,
            "-At",
            "-c",
            sql,
        )
        return out.stdout

    def create_database(self, name: str) -> str:
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def log_tail(self, lines: int = 40) -> str:
        with contextlib.suppress(OSError):
            return "\n".join((self.root / "server.log").read_text().splitlines()[-lines:])
        return ""


@contextlib.contextmanager
def running_cluster(
    extra_conf: list[str] | None = None,
    *,
    hba: list[str] | None = None,
    files: dict[str, bytes] | None = None,
) -> Iterator[Cluster]:
    bindir = pg_bindir()
    if bindir is None:
        raise RuntimeError(
            "PostgreSQL is not installed: run ./scripts/setup (apt-get install postgresql)"
        )
    owner = _run_as()
    root = Path(tempfile.mkdtemp(prefix="hexi-pg-"))
    if owner is not None:
        os.chown(root, owner.pw_uid, owner.pw_gid)
    cluster = Cluster(
        root / "c", free_port(), bindir, owner, list(extra_conf or []), hba, dict(files or {})
    )
    try:
        cluster.initdb()
        cluster.start()
        yield cluster
    finally:
        cluster.stop("immediate")
        deadline = time.monotonic() + 10
        while (cluster.data / "postmaster.pid").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def standby_of(primary: Cluster, name: str = "standby1") -> Iterator[Cluster]:
    """A hot standby streaming from `primary` (pg_basebackup -R), on its own free port. The
    primary names it in synchronous_standby_names to make commits wait for it."""
    root = Path(tempfile.mkdtemp(prefix="hexi-pg-standby-"))
    if primary.owner is not None:
        os.chown(root, primary.owner.pw_uid, primary.owner.pw_gid)
    standby = Cluster(root / "c", free_port(), primary.bindir, primary.owner)
    standby.root.mkdir(parents=True)
    standby.socket_dir.mkdir()
    if primary.owner is not None:
        for p in (standby.root, standby.socket_dir):
            os.chown(p, primary.owner.pw_uid, primary.owner.pw_gid)
    try:
        standby._cmd(
            str(primary.bindir / "pg_basebackup"),
            "-D",
            str(standby.data),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",  # else it waits for a spread checkpoint (minutes)
            "-d",
            f"host=127.0.0.1 port={primary.port} user={SUPERUSER} application_name={name}",
        )
        with open(standby.data / "postgresql.conf", "a", encoding="utf-8") as fh:
            fh.write(
                f"\nport = {standby.port}\nunix_socket_directories = '{standby.socket_dir}'\n"
                "hot_standby = on\n"
            )
        standby.start()
        yield standby
    finally:
        standby.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)
