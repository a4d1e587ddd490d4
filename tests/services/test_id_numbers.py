"""ID numbers on a real store (issue 16 item 15): an unknown address code is saved and the user is
told; the same number for a second child is refused, naming the child already registered."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hexi_care.domain.enums import Sex
from hexi_care.domain.model import Child
from hexi_care.errors import InvalidInput
from hexi_care.services import children
from hexi_care.services.context import UnitOfWork
from tests.cli.test_cli import Hexi
from tests.conftest import PW, World, add_child

UNKNOWN_AREA = "700103201503010018"  # valid check digit, province 70 does not exist
HEXI = "12010320150301001X"


def test_an_unknown_address_code_is_saved_with_a_notice(world: World) -> None:
    a = world.login("dir_a")
    with UnitOfWork(a) as uow:
        saved = children.add_child(
            uow,
            Child(
                name="李𪚥",
                sex=Sex.MALE,
                community_id=world.community_a,
                id_number=UNKNOWN_AREA,
            ),
        )
        notices = list(uow.notices)
    assert saved.id_number == UNKNOWN_AREA and saved.birth_date == date(2015, 3, 1)
    assert [n.key for n in notices] == ["warning.id_address_unknown"]
    assert "70" in notices[0].message("zh") and "地址码" in notices[0].message("zh")
    assert "address code (70)" in notices[0].message("en")
    with UnitOfWork(a) as uow:
        children.add_child(uow, Child(name="王𠮷", sex=Sex.MALE, community_id=world.community_a))
        assert uow.notices == []  # nothing to say about a child without a number
    a.lock()


def test_the_same_number_twice_is_refused_across_communities(world: World) -> None:
    a = world.login("dir_a")
    first = add_child(a, world.community_a, name="王𠮷", id_number=HEXI, birth_date=None)
    with UnitOfWork(a) as uow, pytest.raises(InvalidInput) as refused:
        children.add_child(
            uow,
            Child(name="王吉", sex=Sex.MALE, community_id=world.community_a, id_number=HEXI),
        )
    assert refused.value.problem == "duplicate_child"
    assert refused.value.params["child"] == first.id
    assert first.id in refused.value.message("zh") and "已登记" in refused.value.message("zh")
    # Another community's director cannot see the first child, yet cannot enter it again either.
    b = world.login("dir_b")
    with UnitOfWork(b) as uow, pytest.raises(InvalidInput):
        children.add_child(
            uow,
            Child(name="王吉", sex=Sex.MALE, community_id=world.community_b, id_number=f" {HEXI} "),
        )
    # Saving the first child again with its own number is fine.
    with UnitOfWork(a) as uow:
        again = children.update_child(uow, children.get_child(uow, first.id or ""))
    assert again.id_number == HEXI
    a.lock()
    b.lock()


def test_cli_prints_the_notice_and_refuses_the_duplicate(world: World) -> None:
    world.admin.lock()
    h = Hexi(world.path)
    body = {"name": "㵘小雨", "sex": "female", "community": world.community_a,
            "id_number": "700103201503010026", "household": {"address": "紫金山路2号"}}  # fmt: skip
    code, out, err = h.as_("dir_a", PW, "child", "add", stdin=json.dumps(body))
    assert code == 0, err
    assert "地址码（70）" in err
    code, out, err = h.as_("dir_a", PW, "child", "add", "--json", stdin=json.dumps(body))
    assert code == 5
    assert "已登记给另一名儿童" in err + out
