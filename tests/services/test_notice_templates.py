"""A store without notice templates (made before they were seeded) is offered the built-in ones
without anything being written; the one a delivery names is written with that delivery."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, select

from hexi_care.db.models import AuditEvent
from hexi_care.db.models import NoticeTemplate as TemplateRow
from hexi_care.domain.model import NoticeDelivery
from hexi_care.domain.notice_templates import builtin_templates
from hexi_care.services import support
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child


def _count(world: World, table: type) -> int:
    with world.admin.system_session() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def _old_store(world: World) -> None:
    """The store as one made before templates were seeded: none in it."""
    with world.admin.system_session() as s, s.begin():
        s.execute(delete(TemplateRow))


def test_listing_offers_the_built_in_templates_and_writes_nothing(world: World) -> None:
    _old_store(world)
    events = _count(world, AuditEvent)
    with UnitOfWork(world.login("dir_a")) as uow:
        offered = support.templates(uow)
    assert {(t.code, t.version) for t in offered} == {
        (t.code, t.version) for t in builtin_templates().values()
    }
    assert _count(world, TemplateRow) == 0
    assert _count(world, AuditEvent) == events


def test_the_template_a_delivery_names_is_written_with_it(world: World) -> None:
    _old_store(world)
    child = add_child(world.login("dir_a"), world.community_a)
    with UnitOfWork(world.login("dir_a")) as uow:
        saved = support.record_delivery(
            uow,
            NoticeDelivery(
                household_id=child.household_id or "",
                template_code="winter",
                template_version=1,
                delivered_on=date(2026, 1, 20),
            ),
        )
        stored = support.templates(uow)
    assert (saved.template_code, saved.template_version) == ("winter", 1)
    assert _count(world, TemplateRow) == 1
    # Listed: the written one (it has an id now) and the two built-in ones still unwritten.
    assert sorted((t.code, t.version, t.id is not None) for t in stored) == [
        ("general", 1, False),
        ("summer", 1, False),
        ("winter", 1, True),
    ]
