"""UI tests: real stores in temporary folders, real widgets, Qt offscreen; a Qt warning fails a test.

Every test here gets pytest-qt's `qt_log_level_fail("WARNING")` marker, so a warning Qt logs during
the test fails it. The offscreen platform's own notices about window-system features it lacks are
ignored (they say nothing about our code).
"""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HEXI_CARE_NO_DIALOGS", "1")

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from hexi_care.db.store import OpenStore
from hexi_care.domain.enums import Relationship, Sex, SituationKind
from hexi_care.domain.model import Category, Child, Guardian, Household, Situation
from hexi_care.services import children, households
from hexi_care.services.context import UnitOfWork
from hexi_care.ui import refguard
from tests.conftest import PW as PW
from tests.conftest import World, build_world
from tests.conftest import fixed_clock as clock

OFFSCREEN_NOISE = (
    r"This plugin does not support",
    r"propagateSizeHints",
)


# PySide6 6.12 on Python 3.11 drops a reference to None on every void call (see ui/refguard.py);
# pytest-qt makes its own QApplication, so the guard is applied here too.
refguard.top_up()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(qapp) -> Iterator[None]:
    """As the program does (ui/gc_guard.py; pytest-qt makes its own QApplication): no garbage
    collection in the database worker thread while a test runs; the other tests collect as usual."""
    from hexi_care.ui import gc_guard

    gc_guard.install(qapp)
    yield
    gc.enable()


#: The UI tests' world is the one test world (tests/conftest.py) with families added.
UiWorld = World


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
def ui_world(tmp_path: Path) -> Iterator[World]:
    w = build_world(tmp_path / "store.hexi")
    dir_a = w.login("dir_a")
    _, w.kids_a = add_family(
        dir_a,
        w.community_a,
        "紫金山路1号",
        "张小明",
        "张小红",
        id_numbers=("12010320150301001X", None),
    )
    _, more = add_family(dir_a, w.community_a, "友谊路9号", "刘一")
    w.kids_a += more
    _, w.kids_b = add_family(w.login("dir_b"), w.community_b, "平江道2号", "李小刚")
    w.admin.lock()  # the window unlocks on its own; a rekey needs the file to itself
    yield w
    w.close()


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
        dlg.form.password.setText(ui_world.password(user))
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
