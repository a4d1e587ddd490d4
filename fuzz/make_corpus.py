"""Seed corpora for the harnesses, made from real files: a centre and two laptops exchange packages,
write backups, enrolment files and a recovery request and answer; child and visit JSON as the
command line takes it. Run: .venv/bin/python fuzz/make_corpus.py [--out fuzz/corpus]"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "fuzz" / "corpus")
    out = ap.parse_args().out
    from tests import cheap_kdf

    cheap_kdf.install()
    from hexi_care.db.store import keys_path, read_backup
    from hexi_care.services import recovery
    from hexi_care.services.context import UnitOfWork
    from hexi_care.sync import container, make_card
    from hexi_care.sync import payload as pl
    from hexi_care.sync.importer import read_manifest
    from tests.factories import complete_visit_json
    from tests.sync.exchange_helpers import (
        build_template,
        edit_child,
        new_child,
        open_net,
        submit_visit,
    )

    work = Path(tempfile.mkdtemp(prefix="hexi-corpus-"))
    for sub in ("package", "backup", "enrol", "json_input"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    tpl = build_template(work / "template")
    net = open_net(tpl, work / "net")

    def seed(sub: str, name: str, data: bytes) -> None:
        (out / sub / name).write_bytes(data)

    # Packages both ways, whole (mode 0), the content (1) and compressed content (2), records (3).
    child = new_child(net.la, net.community_a)
    submit_visit(net.la, child)
    edit_child(net.la, child, school="梅江中学")
    for i, (src, dst) in enumerate((("la", "centre"), ("centre", "la"), ("lb", "centre"))):
        (path,) = net.export(src, dst)
        data = path.read_bytes()
        seed("package", f"container-{i}", b"\0" + data)
        c = container.decode(data)
        read_manifest(c.header)
        keys_store = net.stores[dst]
        from hexi_care.db.sync_models import SyncIdentity
        from hexi_care.sync.identity import keys_of

        with keys_store.system_session() as s:
            me = s.get(SyncIdentity, keys_store.device_id)
            assert me is not None
            plain = keys_of(me).open(c.body, pl.seal_info(c.header["package_id"], me.id, 0))
        assert plain is not None
        content = pl.inflate([plain], int(c.header["content"]["size"]))
        seed("package", f"content-{i}", b"\1" + content)
        seed("package", f"compressed-{i}", b"\2" + plain)
        document, _ = pl.decode_content(content)
        for kind, rows in document["items"].items():
            for row in rows[:2]:
                seed("package", f"record-{i}-{kind}", b"\3" + json.dumps(row[2]).encode())
        import_package_path = path
        from hexi_care.sync import import_package

        import_package(keys_store, import_package_path)
    # Backups: the head and the key slots (what the reader reads), and a slot file alone.
    backup = net.la.backup(work / "la.hexibak")
    slots, offset = read_backup(backup)
    seed("backup", "backup-head", backup.read_bytes()[: offset + 64])
    seed("backup", "slots", keys_path(net.la.path).read_bytes())
    # Enrolment: a request, a reply, a card (mode byte first), recovery request and answer.
    from hexi_care.sync import accept_reply, enrol_device, make_request
    from tests.sync.exchange_helpers import bare_laptop

    card = make_card(net.centre, work / "centre.card")
    lap = bare_laptop(work / "lc.hexi")
    make_request(
        lap,
        work / "lc.request",
        unit_ref="紫金里社区",
        card=card.file,
        card_fingerprint=card.fingerprint,
    )
    enrol_device(net.centre, work / "lc.request", work / "lc.reply")
    accept_reply(lap, work / "lc.reply")
    lap.lock()
    seed("enrol", "request", b"\0" + (work / "lc.request").read_bytes())
    seed("enrol", "reply", b"\1" + (work / "lc.reply").read_bytes())
    seed("enrol", "card", b"\2" + card.file.read_bytes())
    folder = work / "centre-key"
    pub = Path(recovery.keygen(folder, "centre-recovery-passphrase"))
    net.la.user = None
    recovery.set_centre_key(net.la, pub)
    made = recovery.make_request(net.la.path, work / "req.json", "dir_a", "dir-a-recovered-9")
    with UnitOfWork(net.centre) as uow:
        recovery.answer_request(
            uow,
            work / "req.json",
            folder / "centre-recovery.key",
            "centre-recovery-passphrase",
            work / "ans.json",
            made.code,
        )
    seed("enrol", "recovery-request", b"\3" + (work / "req.json").read_bytes())
    seed("enrol", "recovery-answer", b"\4" + (work / "ans.json").read_bytes())
    # Child and visit JSON as `child add` and `visit add` take them.
    seed("json_input", "visit", json.dumps(complete_visit_json("2026-11-02")).encode())
    seed(
        "json_input",
        "child",
        json.dumps(
            {
                "name": "张小明",
                "sex": "male",
                "birth_date": "2015-03-01",
                "community": "紫金里社区",
                "categories": [
                    {"code": "orphan_scattered", "basis": "父母双亡", "start_date": "2020-01-01"}
                ],
                "guardians": [
                    {
                        "name": "张奶奶",
                        "relationship": "grandmother",
                        "is_carer": True,
                        "situations": [{"kind": "deceased"}],
                    }
                ],
                "address": "河西区紫金山路1号",
                "phone": "13800000001",
            },
            ensure_ascii=False,
        ).encode(),
    )
    net.close()
    shutil.rmtree(work, ignore_errors=True)
    for sub in ("package", "backup", "enrol", "json_input"):
        print(f"{sub}: {len(list((out / sub).iterdir()))} seeds")


if __name__ == "__main__":
    main()
