"""Recognition and allowance on a real store: the three steps and who may take them, the first
month after a confirmation on the last day of a month, standards per year, the month's list and
its ledger, scope."""

from __future__ import annotations

from datetime import date

import pytest

from hexi_care.domain.enums import AllowanceStage, CareSetting, CategoryCode
from hexi_care.domain.model import Allowance, AllowanceStandard, Category
from hexi_care.errors import InvalidInput, NotFound, ScopeDenied
from hexi_care.services import allowances
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child

ORPHAN = CategoryCode.ORPHAN_SCATTERED.value


def _standards(world: World, year: int = 2026, fen: int = 215_000) -> None:
    with UnitOfWork(world.login("centre")) as uow:
        allowances.set_standard(
            uow,
            AllowanceStandard(
                year=year, category=ORPHAN, care_setting=CareSetting.COMMUNITY, monthly_fen=fen
            ),
        )


def _confirmed(world: World, confirmed_on: date) -> tuple[str, str]:
    child = add_child(world.login("dir_a"), world.community_a, categories=[Category(code=ORPHAN)])
    assert child.id
    with UnitOfWork(world.login("dir_a")) as uow:
        a = allowances.apply(
            uow,
            Allowance(
                child_id=child.id, category=ORPHAN, applied_on=date(2026, 9, 1), applied_by="王主任"
            ),
        )
    assert a.id and a.stage is AllowanceStage.APPLIED
    with UnitOfWork(world.login("street_a")) as uow:
        assert allowances.check(uow, a.id, "2026-09-15", "李街道").stage is AllowanceStage.CHECKED
    with UnitOfWork(world.login("centre")) as uow:
        done = allowances.confirm(uow, a.id, confirmed_on, "区民政局", "河民确〔2026〕17号")
    assert done.stage is AllowanceStage.CONFIRMED
    return child.id, a.id


def test_confirmation_on_the_last_day_of_a_month_pays_from_the_next(world: World) -> None:
    _standards(world)
    _, aid = _confirmed(world, date(2026, 10, 31))
    with UnitOfWork(world.login("centre")) as uow:
        assert allowances.monthly_list(uow, "2026-10") == []
        (line,) = allowances.monthly_list(uow, "2026-11")
    assert line.allowance_id == aid and line.amount_fen == 215_000 and line.month == "2026-11"
    assert line.community_name == "紫金里社区"


def test_steps_belong_to_their_roles_and_follow_each_other(world: World) -> None:
    child = add_child(world.login("dir_a"), world.community_a)
    assert child.id
    with UnitOfWork(world.login("dir_a")) as uow:
        a = allowances.apply(
            uow,
            Allowance(
                child_id=child.id, category=ORPHAN, applied_on=date(2026, 9, 1), applied_by="王"
            ),
        )
        assert a.id
        with pytest.raises(ScopeDenied):
            allowances.check(uow, a.id, "2026-09-02", "王")
    with UnitOfWork(world.login("centre")) as uow:
        with pytest.raises(InvalidInput) as e:  # not checked by the street yet
            allowances.confirm(uow, a.id, "2026-09-20", "区民政局", "17")
        assert e.value.field == "checked_on"
    with UnitOfWork(world.login("street_a")) as uow:
        with pytest.raises(InvalidInput) as e:
            allowances.check(uow, a.id, "2026-08-01", "李")  # before the application
        assert e.value.field == "checked_on"
        with pytest.raises(InvalidInput):
            allowances.check(uow, a.id, "2026-12-01", "李")  # in the future
    with UnitOfWork(world.login("dir_b")) as uow:  # another community's director
        assert allowances.allowances(uow) == []


def test_missing_standard_is_refused_by_name(world: World) -> None:
    _confirmed(world, date(2026, 10, 31))
    with UnitOfWork(world.login("centre")) as uow, pytest.raises(InvalidInput) as e:
        allowances.monthly_list(uow, "2026-11")
    assert e.value.problem == "no_standard"
    assert "2026" in e.value.message("zh")


def test_year_standard_suspension_stop_and_ledger(world: World) -> None:
    _standards(world, 2026, 215_000)
    _confirmed(world, date(2026, 9, 20))
    with UnitOfWork(world.login("centre")) as uow:
        (a,) = allowances.allowances(uow)
        assert a.id and a.start_month == "2026-10"
        allowances.suspend(uow, a.id, "2026-11", "外出就医期间核查", until="2026-11")
        assert allowances.monthly_list(uow, "2026-11") == []
        assert len(allowances.monthly_list(uow, "2026-10")) == 1
        with pytest.raises(InvalidInput) as e:
            allowances.stop(uow, a.id, "2026-09", "年满18周岁")  # before the first month
        assert e.value.field == "stopped_from"
        allowances.stop(uow, a.id, "2027-02", "年满18周岁")
        assert allowances.allowances(uow)[0].stage is AllowanceStage.STOPPED
    with UnitOfWork(world.login("street_a")) as uow:
        assert allowances.record_payments(uow, "2026-10", "2026-11-05") == 1
        assert allowances.record_payments(uow, "2026-10", "2026-11-06") == 0  # paid already
        (line,) = allowances.ledger(uow, "2026-10")
    assert line.paid_fen == 215_000 and line.paid_on == date(2026, 11, 5)
    with UnitOfWork(world.login("dir_b")) as uow:
        assert allowances.ledger(uow, "2026-10") == []


def test_bad_month_is_the_users_problem(world: World) -> None:
    with UnitOfWork(world.login("centre")) as uow:
        for bad in ("2026-13", "202611", "11-2026", ""):
            with pytest.raises(InvalidInput) as e:
                allowances.monthly_list(uow, bad)
            assert e.value.field == "month"


def test_one_recognitions_ledger_month_by_month(world: World) -> None:
    """Confirmed on the last day of September: due from October; October paid in November;
    November suspended (nothing due); once stopped from November, November leaves the ledger."""
    _standards(world)
    _, aid = _confirmed(world, date(2026, 9, 30))
    with UnitOfWork(world.login("street_a")) as uow:
        assert allowances.record_payments(uow, "2026-10", "2026-11-05") == 1
    with UnitOfWork(world.login("centre")) as uow:
        allowances.suspend(uow, aid, "2026-11", "外出就医，暂无法核实")
        months = allowances.history(uow, aid)
    assert [(x.month, x.amount_fen, x.paid_fen, x.paid_on) for x in months] == [
        ("2026-11", 0, None, None),
        ("2026-10", 215_000, 215_000, date(2026, 11, 5)),
    ]
    with UnitOfWork(world.login("centre")) as uow:
        allowances.stop(uow, aid, "2026-11", "已被收养")
        assert [x.month for x in allowances.history(uow, aid)] == ["2026-10"]
    with UnitOfWork(world.login("dir_b")) as uow, pytest.raises(NotFound):
        allowances.history(uow, aid)  # another community's child
