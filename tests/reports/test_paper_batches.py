"""Batches on a real store, read back from the PDF (issue 16 item 7): the checklists for a period
include the children already overdue before it, first."""

from __future__ import annotations

from datetime import date

from hexi_care.reports import builders
from hexi_care.reports.batch import render_batch
from hexi_care.services import visits
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child
from tests.factories import complete_visit
from tests.reports.pdfcheck import all_text


def test_checklists_for_a_period_put_the_overdue_first(world: World) -> None:
    a = world.login("dir_a")
    overdue = add_child(a, world.community_a, name="逾期甲")
    never = add_child(a, world.community_a, name="新登乙")  # due 2026-12-20, a month after entry
    soon = add_child(a, world.community_a, name="将到丙")
    add_child(world.login("dir_b"), world.community_b, name="别社丁")
    with UnitOfWork(a) as uow:
        visits.submit(uow, complete_visit(overdue.id or "", date(2026, 6, 1)))
        visits.submit(uow, complete_visit(soon.id or "", date(2026, 11, 15)))
    with UnitOfWork(a) as uow:
        name, items = builders.batch(
            uow, "紫金里社区", date(2026, 12, 1), date(2026, 12, 31), "checklist"
        )
        meta = builders.meta(uow, name)
    assert [i.child.name for i in items if i.child] == ["逾期甲", "将到丙", "新登乙"]
    # The overdue child's form is planned for the period, not for a day already past.
    assert [i.planned_date for i in items] == [
        date(2026, 12, 1),
        date(2026, 12, 15),
        date(2026, 12, 20),
    ]
    pdf = render_batch(items, meta, title=name)
    assert pdf is not None
    text = all_text(pdf)
    assert text.index("逾期甲") < text.index("将到丙") < text.index("新登乙")
    assert "别社丁" not in text
    assert never.id is not None
    a.lock()
