"""One rule for names (domain.names) in every service that stores a person's name, and in the
exchange: a child, a guardian, the guardian who signed a notice, a user's display name."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hexi_care.db.keys import KdfParams
from hexi_care.domain.enums import Relationship
from hexi_care.domain.model import Guardian
from hexi_care.errors import InvalidInput
from hexi_care.services import children, households, users
from hexi_care.services.context import UnitOfWork
from tests.conftest import World, add_child


def test_a_child_named_with_emoji_is_refused_in_both_languages(world: World) -> None:
    store = world.login("dir_a")
    with pytest.raises(InvalidInput) as exc:
        add_child(store, world.community_a, name="姚泽宇😀🎉")
    assert (exc.value.field, exc.value.problem) == ("name", "name_characters")
    assert exc.value.message("zh") == (
        "输入有误：姓名：第 4 个字不能用在姓名里。姓名可以用汉字（包括生僻字）、字母和少数民族姓名的"
        "间隔号“·”，不能有表情符号、数字或其他符号。"
    )
    assert exc.value.message("en").startswith("Invalid input: name: character 4 cannot be part")


def test_minority_and_rare_names_are_stored_with_the_id_card_dot(world: World) -> None:
    store = world.login("dir_a")
    kid = add_child(store, world.community_a, name="买买提・艾力")
    assert kid.name == "买买提·艾力"
    rare = add_child(store, world.community_a, name="王𠮷")
    assert rare.name == "王𠮷"
    with UnitOfWork(store) as uow:
        edited = children.update_child(uow, replace(kid, name="阿依古丽 • 艾力"))
        assert edited.name == "阿依古丽·艾力"
        with pytest.raises(InvalidInput) as exc:
            children.update_child(uow, replace(edited, name="艾力·"))
        assert exc.value.problem == "name_dot"


def test_guardian_and_display_names_follow_the_same_rule(world: World) -> None:
    store = world.login("dir_a")
    kid = add_child(store, world.community_a)
    assert kid.household_id is not None
    with UnitOfWork(store) as uow, pytest.raises(InvalidInput) as exc:
        households.save_guardian(
            uow,
            Guardian(
                household_id=kid.household_id, name="张伟👍", relationship=Relationship.FATHER
            ),
        )
    assert exc.value.field == "name"
    with UnitOfWork(world.admin) as uow, pytest.raises(InvalidInput) as exc:
        users.add_user(
            uow,
            "dir_c",
            "director",
            world.community_a,
            "a-long-enough-Passw0rd!",
            kdf=KdfParams.fast(),
            display_name="李主任🙂",
        )
    assert exc.value.field == "display_name"
