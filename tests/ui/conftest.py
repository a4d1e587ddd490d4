"""UI tests: real stores in temporary folders, real widgets, Qt offscreen; a Qt warning fails a test.

Every test here gets pytest-qt's `qt_log_level_fail("WARNING")` marker, so a warning Qt logs during
the test fails it. The offscreen platform's own notices about window-system features it lacks are
ignored (they say nothing about our code).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HEXI_CARE_NO_DIALOGS", "1")

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from hexi_care.db.keys import KdfParams
from hexi_care.db.store import OpenStore, create_store, unlock
from hexi_care.domain.enums import Relationship, Sex, SituationKind
from hexi_care.domain.model import Category, Child, Guardian, Household, Situation
from hexi_care.services import children, households, units, users
from hexi_care.services.context import UnitOfWork
from hexi_care.services.reference import seed_reference
from hexi_care.ui import refguard

PW = "secret-pass-1"
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)  # a Friday
OFFSCREEN_NOISE = (
    r"This plugin does not support",
    r"propagateSizeHints",
)


def clock() -> datetime:
    return NOW


# PySide6 6.12 on Python 3.11 drops a reference to None on every void call (see ui/refguard.py);
# pytest-qt makes its own QApplication, so the guard is applied here too.
refguard.top_up()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))


@dataclass
class UiWorld:
    path: Path
    community_a: str
    community_b: str
    street_a: str
    kids_a: list[str] = field(default_factory=list)
    kids_b: list[str] = field(default_factory=list)
    opened: list[OpenStore] = field(default_factory=list)

    def login(self, name: str) -> OpenStore:
        s = unlock(self.path, name, PW, clock=clock)
        self.opened.append(s)
        return s


def add_family(
    store: OpenStore,
    community: str,
    address: str,
    *names: str,
    id_numbers: tuple[str | None, ...] = (),
) -> tuple[str, list[str]]:
    with UnitOfWork(store) as uow:
        hh = households.add_household(uow, Household(community_id=community, address=address))
        assert hh.id
        households.save_guardian(
            uow,
            Guardian(
                name="张大山",
                relationship=Relationship.FATHER,
                household_id=hh.id,
                situations=[
                    Situation(
                        kind=SituationKind.IMPRISONED,
                        start_date=date(2024, 1, 1),
                        expected_end_date=date(2029, 1, 1),
                    )
                ],
            ),
        )
        households.save_guardian(
            uow,
            Guardian(
                name="李秀英",
                relationship=Relationship.MOTHER,
                household_id=hh.id,
                situations=[
                    Situation(kind=SituationKind.LOST_CONTACT, start_date=date(2025, 1, 1))
                ],
            ),
        )
        ids = []
        for i, n in enumerate(names):
            c = children.add_child(
                uow,
                Child(
                    name=n,
                    sex=Sex.FEMALE if i % 2 else Sex.MALE,
                    community_id=community,
                    birth_date=date(2015, 3, 1) if i % 2 == 0 else date(2016, 7, 9),
                    id_number=id_numbers[i] if i < len(id_numbers) else None,
                    household_id=hh.id,
                    categories=[
                        Category(
                            code="no_de_facto_carer",
                            basis="父亲服刑，母亲失联",
                            start_date=date(2025, 8, 1),
                        )
                    ],
                ),
            )
            assert c.id
            ids.append(c.id)
        return hh.id, ids


@pytest.fixture
def ui_world(tmp_path: Path) -> Iterator[UiWorld]:
    path = tmp_path / "store.hexi"
    admin = create_store(
        path,
        admin_name="admin",
        admin_password=PW,
        kdf=KdfParams.fast(),
        clock=clock,
        seed_reference=seed_reference,
    ).store
    with UnitOfWork(admin) as uow:
        a = units.add_unit(uow, "紫金里社区", "大营门街")
        b = units.add_unit(uow, "平江里社区", "马场街")
        street = units.resolve_unit(uow, "大营门街").id
        users.add_user(
            uow, "dir_a", "director", a.id, PW, kdf=KdfParams.fast(), display_name="王主任"
        )
        users.add_user(uow, "dir_b", "director", b.id, PW, kdf=KdfParams.fast())
        users.add_user(uow, "street_a", "street_supervisor", street, PW, kdf=KdfParams.fast())
        users.add_user(uow, "centre", "centre_supervisor", "河西区", PW, kdf=KdfParams.fast())
    admin.lock()
    w = UiWorld(path, a.id, b.id, street)
    dir_a = w.login("dir_a")
    _, w.kids_a = add_family(
        dir_a, a.id, "紫金山路1号", "张小明", "张小红", id_numbers=("12010320150301001X", None)
    )
    _, more = add_family(dir_a, a.id, "友谊路9号", "刘一")
    w.kids_a += more
    _, w.kids_b = add_family(w.login("dir_b"), b.id, "平江道2号", "李小刚")
    yield w
    for s in w.opened:
        s.lock()


@pytest.fixture
def make_app(qtbot, tmp_path: Path, ui_world: UiWorld):
    """make_app(user) → (ctx, hexi, main window) unlocked as `user` on the ui_world store."""
    from hexi_care.ui import i18n
    from hexi_care.ui.app import AppContext, HexiApp
    from hexi_care.ui.settings import Settings

    made: list[tuple[object, object]] = []

    def make(user: str = "dir_a", *, lang: str = "zh", settings_name: str = "settings.ini"):
        i18n.install(lang)
        ctx = AppContext(ui_world.path, settings=Settings.at(tmp_path / settings_name), clock=clock)
        hexi = HexiApp(ctx)
        made.append((ctx, hexi))
        dlg = hexi.start(user=user)
        qtbot.addWidget(dlg)
        dlg.form.password.setText(PW)
        dlg.form.submit()
        qtbot.waitUntil(lambda: hexi.window is not None, timeout=10000)
        win = hexi.window
        qtbot.addWidget(win)
        wait_idle(qtbot, ctx)
        return ctx, hexi, win

    yield make
    for ctx, hexi in made:
        win = hexi.window
        if win is not None:
            for rec in list(win.records.values()):
                rec.close()
            win.close_quietly()
        ctx.worker.stop()


def wait_idle(qtbot, ctx, timeout: int = 10000) -> None:
    """Until the database worker has delivered everything queued so far."""
    qtbot.waitUntil(lambda: not ctx.worker.busy, timeout=timeout)
