"""Two people on the same record (the hub's daily case, a laptop's rare one): whoever saves from an
older version is told who changed it and when, and nothing is written over the other's change."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest

from hexi_care.errors import ChangedByOther
from hexi_care.services import children, visits
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child
from tests.factories import submitted_visit


def _submitted(world: World) -> tuple[str, int]:
    director = world.login("dir_a")
    child = add_child(director, world.community_a)
    with UnitOfWork(director) as uow:
        v = visits.add_visit(uow, submitted_visit(child.id or "", date(2026, 11, 18)))
    assert v.id is not None
    return v.id, v.version


def test_a_review_from_an_older_version_names_who_reviewed_first(world: World) -> None:
    visit_id, _ = _submitted(world)
    street, centre = world.login("street_a"), world.login("centre")
    with UnitOfWork(street) as uow:
        seen_by_street = visits.get_visit(uow, visit_id)
    with UnitOfWork(centre) as uow:
        seen_by_centre = visits.get_visit(uow, visit_id)
    assert seen_by_street.version == seen_by_centre.version > 0
    with UnitOfWork(centre) as uow:
        visits.review(uow, visit_id, "approved", version=seen_by_centre.version)
    with pytest.raises(ChangedByOther) as caught, UnitOfWork(street) as uow:
        visits.review(uow, visit_id, "returned", "请补充照片", version=seen_by_street.version)
    assert caught.value.params == {"who": "centre", "at": "2026-11-20 18:00"}
    assert "centre" in caught.value.message("zh") and "重新打开" in caught.value.message("zh")
    assert "Reload" in caught.value.message("en")
    with UnitOfWork(street) as uow:
        after = visits.get_visit(uow, visit_id)
    assert after.status == "approved" and after.review_comment == ""


def test_two_reviews_at_the_same_moment_one_wins(world: World) -> None:
    visit_id, version = _submitted(world)
    reviewers = [world.login("street_a"), world.login("centre")]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def review(store: object, decision: str) -> None:
        start.wait()
        try:
            with UnitOfWork(store) as uow:  # type: ignore[arg-type]
                visits.review(
                    uow,
                    visit_id,
                    decision,
                    "退回" if decision == "returned" else "",
                    version=version,
                )
            outcomes.append(decision)
        except ChangedByOther:
            outcomes.append("refused")

    threads = [
        threading.Thread(target=review, args=(reviewers[0], "returned")),
        threading.Thread(target=review, args=(reviewers[1], "approved")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) in (["approved", "refused"], ["refused", "returned"])
    winner = next(o for o in outcomes if o != "refused")
    with UnitOfWork(reviewers[1]) as uow:
        assert visits.get_visit(uow, visit_id).status == winner
        assert visits.get_visit(uow, visit_id).version == version + 1


def test_a_child_edited_from_an_older_version_is_not_overwritten(world: World) -> None:
    centre = world.login("centre")
    child = add_child(centre, world.community_a)
    street = world.login("street_a")
    with UnitOfWork(centre) as uow:
        first = children.get_child(uow, child.id or "")
    with UnitOfWork(street) as uow:
        second = children.get_child(uow, child.id or "")
    with UnitOfWork(centre) as uow:
        children.update_child(uow, replace(first, school="紫金小学"))
    with pytest.raises(ChangedByOther), UnitOfWork(street) as uow:
        children.update_child(uow, replace(second, school="平江小学"))
    with UnitOfWork(street) as uow:
        assert children.get_child(uow, child.id or "").school == "紫金小学"
