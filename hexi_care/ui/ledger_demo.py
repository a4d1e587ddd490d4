"""Screenshots of the 台账导入 page for docs/screenshots (not part of the program a user runs).

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python -m hexi_care.ui.ledger_demo \\
        --out docs/screenshots

Builds a small demo store in a temporary folder, writes a made-up messy ledger for the demo
director's community (hexi_care.ledger.samples, plus rows that are refused or repeated), and
drives the real page: the dry run, the refused rows, the result after importing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from hexi_care import demo
from hexi_care.ledger import samples


def messy_rows(street: str, community: str) -> list[tuple[object, ...]]:
    rows = samples.ledger_rows(36, [(street, community)], seed=11)
    bad = list(rows[3])
    bad[2] = str(bad[2])[:-1] + ("0" if str(bad[2])[-1] != "0" else "1")  # wrong check character
    future = list(rows[8])
    future[2], future[4] = None, "2031年3月5日"
    nameless = list(rows[15])
    nameless[1] = None
    elsewhere = list(rows[20])
    elsewhere[5], elsewhere[6] = "马场街", "平江里社区"
    unknown = list(rows[24])
    unknown[7] = "低保边缘儿童"
    rows[3], rows[8], rows[15], rows[20], rows[24] = (
        tuple(bad),
        tuple(future),
        tuple(nameless),
        tuple(elsewhere),
        tuple(unknown),
    )
    rows.append(rows[5])  # the same child twice
    rows.append(rows[12])
    return [(i + 1, *r[1:]) for i, r in enumerate(rows)]


def run(out: Path, lang: str) -> None:
    from hexi_care.db.keys import KdfParams
    from hexi_care.db.store import unlock
    from hexi_care.demo.build import create_demo_store
    from hexi_care.services import units
    from hexi_care.services.context import UnitOfWork
    from hexi_care.ui.app import make_qapp, prepare
    from hexi_care.ui.main_window import MainWindow
    from hexi_care.ui.pages.ledger import LedgerPage
    from hexi_care.ui.screenshots import SIZE, as_type, login, save, settle, wait
    from hexi_care.ui.settings import Settings

    out.mkdir(parents=True, exist_ok=True)
    app = make_qapp([sys.argv[0]])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = folder / "demo.hexi"
        # A throwaway store for pictures: cheap password derivation is enough here.
        create_demo_store(store, children=120, kdf=KdfParams.fast())
        opened = unlock(store, demo.DEMO_DIRECTOR, demo.DEMO_PASSWORD)
        try:
            with UnitOfWork(opened) as uow:
                assert uow.user is not None
                community = units.resolve_unit(uow, uow.user.unit_id)
                street = units.resolve_unit(uow, community.parent_id or "")
        finally:
            opened.lock()
        settings = Settings.at(folder / "settings.ini")
        prepare(app, settings, lang)
        ctx, hexi = login(app, store, demo.DEMO_DIRECTOR, settings, out)
        ledger = samples.write_ledger(
            folder / f"{community.name}儿童台账.xlsx",
            messy_rows(street.name, community.name),
            title=f"{street.name}{community.name}困境儿童和留守儿童信息台账",
        )
        win = as_type(hexi.window, MainWindow)
        win.resize(*SIZE)
        page = as_type(win.show_page("ledger"), LedgerPage)
        settle(ctx)
        page.open_file(ledger)
        settle(ctx, 600)
        save(win, out, "19-ledger-dry-run")
        page.filter_box.setCurrentIndex(page.filter_box.findData("refused"))
        wait(300)
        save(win, out, "20-ledger-refused")
        page.filter_box.setCurrentIndex(0)
        page.apply_now()
        settle(ctx, 600)
        save(win, out, "21-ledger-imported")
        win.close_quietly()
        ctx.worker.stop()


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = p.parse_args(argv)
    run(args.out, args.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
