"""Benchmark of the centre's memory cap on incoming packages (issue 15, item 7).

An enrolled device signs a small package whose sealed content inflates to something huge; the
centre must refuse it without spending gigabytes or half a minute. Each attack is imported in a
fresh process, which reports its own peak RSS and the time to refusal. For scale, a real first
package of 20,000 visits is exported and imported too (its document size is what the cap is for).

Run: .venv/bin/python bench/bench_package_cap.py [--visits 20000] [--dir /tmp/x]
(On main before this change: the 128 MB-JSON package took 3.6 GB and 27 s before refusal, and a
zlib body at the old 512 MiB cap 1.2 GB.)
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_sync

from hexi_care.db import audit
from hexi_care.db.base import new_id
from hexi_care.db.keys import KdfParams
from hexi_care.db.store import OpenStore, load_user, unlock
from hexi_care.db.sync_models import SyncIdentity
from hexi_care.errors import BadPackage
from hexi_care.services import demo, units, users
from hexi_care.services.context import UnitOfWork
from hexi_care.sync import container, export_package, import_package
from hexi_care.sync import payload as pl
from hexi_care.sync.crypto import seal
from hexi_care.sync.identity import keys_of

PASSWORD = bench_sync.PASSWORD


def forge(sender: OpenStore, recipient: OpenStore, out: Path, content: bytes) -> Path:
    """A package signed with the sender's real keys whose content is `content`."""
    with sender.system_session() as s:
        me = s.get(SyncIdentity, sender.device_id)
        assert me is not None
        signer = keys_of(me)
        head = audit.head(s)
    with recipient.system_session() as s:
        them = s.get(SyncIdentity, recipient.device_id)
        assert them is not None
        kem = bytes(them.kem_public)
    package_id = new_id()
    zipped = zlib.compress(content, 9)
    sealed = seal(zipped, kem, pl.seal_info(package_id, recipient.device_id, 0))
    header: dict[str, Any] = {
        "format": pl.PACKAGE_FORMAT,
        "version": pl.FORMAT_VERSION,
        "package_id": package_id,
        "sender": sender.device_id,
        "recipient": recipient.device_id,
        "seq": 1,
        "created_at": "2026-01-01T00:00:00+00:00",
        "audit_head": {"seq": head.seq, "mac": head.mac},
        "content": {"size": len(content), "sha256": pl.sha256(content)},
        "parts": [pl.sha256(sealed)],
        "part": 0,
    }
    out.write_bytes(container.encode(header, sealed, signer))
    return out


def _doc(head: dict[str, Any], lines: bytes) -> bytes:
    doc = json.dumps(head).encode() + lines
    return struct.pack(">Q", len(doc)) + doc


def attacks(laptop: OpenStore, centre: OpenStore, folder: Path) -> dict[str, Path]:
    base = {
        "format": pl.PAYLOAD_FORMAT,
        "version": pl.FORMAT_VERSION,
        "sender": laptop.device_id,
        "recipient": centre.device_id,
        "seq": 1,
        "created_at": "2026-01-01T00:00:00+00:00",
        "acks": {"packages": [], "max_seq": 0},
        "blob_size": 0,
    }
    made: dict[str, Path] = {}
    # 1. The attack: 128 MB of JSON (records of nested empty lists).
    n = 128_000_000 // 24
    junk = b'\n["visit",[[],[],[],[]]]' * n
    made["128 MB of JSON"] = forge(
        laptop, centre, folder / "json128.hxp", _doc(dict(base, counts={"visit": n}), junk)
    )
    # 2. A zlib body inflating to exactly the content cap.
    zeros = b"\0" * (pl.MAX_CONTENT_BYTES - 8)
    made["zlib body at the content cap"] = forge(
        laptop, centre, folder / "zeros.hxp", struct.pack(">Q", 0) + zeros
    )
    # 3. The worst that passes the byte caps: a 64 MiB document of the smallest records.
    small = b'\n["visit",0]'
    k = (pl.MAX_DOCUMENT_BYTES - 400) // len(small)
    made["64 MiB of tiny records"] = forge(
        laptop,
        centre,
        folder / "tiny.hxp",
        _doc(dict(base, counts={"visit": k}), small * k),
    )
    # 4. Lines at the per-line cap, each as object-dense as the line checks allow.
    dense = b'\n["visit",[' + b",".join([b"[]"] * 1_999) + b"]]"
    k = (pl.MAX_DOCUMENT_BYTES - 400) // len(dense)
    made["64 MiB of dense lines"] = forge(
        laptop, centre, folder / "dense.hxp", _doc(dict(base, counts={"visit": k}), dense * k)
    )
    return made


def _peak_mib() -> float:
    """This process's peak RSS. (ru_maxrss survives exec on Linux: a child started from a big
    parent would report the parent's peak; VmHWM belongs to the new image.)"""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_import(store: str, package: str) -> None:
    """In a fresh process: import one package at the centre, print time, outcome and peak RSS."""
    centre = unlock(Path(store), "centre", PASSWORD)
    print(json.dumps({"baseline_mib": _peak_mib()}))
    start = time.perf_counter()
    try:
        res = import_package(centre, Path(package))
        outcome = f"imported {sum(c.new for c in res.counts.values())} records"
    except BadPackage as exc:
        outcome = f"refused: {exc.params.get('reason')}"
    elapsed = time.perf_counter() - start
    peak = _peak_mib()
    centre.lock()
    print(json.dumps({"seconds": elapsed, "peak_mib": peak, "outcome": outcome}))


def measure(store: Path, package: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(store), str(package)],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--visits", type=int, default=20_000)
    ap.add_argument("--dir", type=Path, default=None)
    ap.add_argument("--child", nargs=2, metavar=("STORE", "PACKAGE"))
    args = ap.parse_args()
    if args.child:
        child_import(*args.child)
        return
    folder = args.dir or Path(tempfile.mkdtemp(prefix="hexi-bench-cap-"))
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    centre = bench_sync.new_store(folder / "centre.hexi")
    with UnitOfWork(centre) as uow:
        street = units.add_unit(uow, "柳林街", "河西区")
        community = units.add_unit(uow, "柳江里社区", street.id)
        users.add_user(uow, "centre", "centre_supervisor", "河西区", PASSWORD, kdf=KdfParams.fast())
    laptop = bench_sync.new_store(folder / "laptop.hexi")
    bench_sync.enrol(centre, laptop, folder, "laptop")
    with UnitOfWork(laptop) as uow:
        users.add_user(uow, "dir", "director", community.id, PASSWORD, kdf=KdfParams.fast())
    per_child = 12.5
    demo.generate(
        laptop,
        children=math.ceil(args.visits / per_child * 1.06),
        seed=7,
        visits_per_child=per_child,
    )
    laptop.user = load_user(laptop, "dir")
    sizes: list[int] = []
    encode = pl.encode_content

    def recording(document: dict[str, Any], blobs: bytes) -> bytes:
        content = encode(document, blobs)
        sizes.append(struct.unpack(">Q", content[:8])[0])
        return content

    pl.encode_content = recording  # type: ignore[assignment]
    up = folder / "up" / "package.hxp"
    up.parent.mkdir()
    res = export_package(laptop, "centre", up)
    pl.encode_content = encode  # type: ignore[assignment]
    print(
        f"real package: {res.counts.get('visit', 0)} visits, {sum(res.counts.values())} records, "
        f"document {sizes[0] / 2**20:.1f} MiB (cap {pl.MAX_DOCUMENT_BYTES >> 20} MiB), "
        f"file {res.size / 1e6:.1f} MB"
    )
    packages = {"real package (20,000 visits)": res.files[0]}
    packages.update(attacks(laptop, centre, folder))
    laptop.lock()
    centre.lock()
    print(f"{'package':34} {'file':>9} {'seconds':>8} {'peak RSS':>10}  outcome")
    for label, path in packages.items():
        r = measure(folder / "centre.hexi", path)
        print(
            f"{label:34} {path.stat().st_size / 1e3:7.0f}KB {r['seconds']:8.2f} "
            f"{r['peak_mib']:8.0f}MiB  {r['outcome']}"
        )


if __name__ == "__main__":
    main()
