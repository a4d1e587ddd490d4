"""The hub's search (migration 0016: indexes read through hexi_child_search) finds exactly the
children the plain search finds (the LIKE clauses the laptop's store runs), for any query."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from hexi_care.db.store import OpenStore
from hexi_care.domain import idnumber
from hexi_care.services import children
from hexi_care.services.context import UnitOfWork
from tests.conftest import HubTemplate, add_child, hub_world

NAMES = [
    "张小明",
    "张小红",
    "单田芳",
    "王𠮷",
    "欧阳娜娜",
    "李明",
    "张伟",
    "王小明",
    "Ali 艾力",
    "明明",
]


def _id_number(i: int) -> str:
    body = f"12010320150301{i % 500 * 2 + 1:03d}"  # odd: a boy's
    return body + idnumber.check_char(body)


@pytest.fixture(scope="module")
def searched(hub_template: HubTemplate) -> Iterator[dict[str, OpenStore]]:
    """The centre supervisor and a director signed in, on a hub with NAMES in two communities."""
    w = hub_world(hub_template)
    signed_in = {"centre": w.login("centre"), "dir_a": w.login("dir_a")}
    for i, name in enumerate(NAMES):
        community = w.community_a if i % 2 else w.community_b
        number = _id_number(i * 37) if i % 3 else None
        add_child(
            signed_in["centre"], community, name, id_number=number, birth_date=date(2015, 3, 1)
        )
    yield signed_in
    w.close()


def _found(signed_in: dict[str, OpenStore], user: str, query: str, hub: bool) -> set[str]:
    with UnitOfWork(signed_in[user]) as uow:
        clause = children._search_clause(query, hub=hub)
        if clause is None:
            return set()
        return set(uow.session.scalars(select(children.ChildRow.id).where(clause)))


_pieces = st.sampled_from(
    [
        *{ch for n in NAMES for ch in n},
        "zh",
        "zhang",
        "xm",
        "zxm",
        "wxm",
        "ming",
        "001",
        "1X",
        "%",
        "_",
        "\\",
        " ",
        "X",
        "x",
        "0",
        "3",
    ]
)
_parts_of_names = st.sampled_from(
    sorted({n[i:j] for n in NAMES for i in range(len(n)) for j in range(i + 1, len(n) + 1)})
)
queries = (
    _parts_of_names | st.lists(_pieces, min_size=1, max_size=4).map("".join) | st.text(max_size=6)
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=queries)
def test_the_hub_finds_what_the_plain_search_finds(
    searched: dict[str, OpenStore], query: str
) -> None:
    for user in ("centre", "dir_a"):
        assert _found(searched, user, query, hub=True) == _found(searched, user, query, hub=False)


def test_the_search_finds_names_numbers_and_spellings(searched: dict[str, OpenStore]) -> None:
    def count(q: str) -> int:
        return len(_found(searched, "centre", q, hub=True))

    assert count("张") == 3 and count("小明") == 2 and count("明") == 4 and count("𠮷") == 1
    assert count("zx") == 2 and count("zhang") == 3 and count("oyn") == 1
    assert count(_id_number(37)[-4:]) == 1 and count(_id_number(37)) == 1
    assert count("%") == 0 and count("_") == 0 and count("张明") == 0


def test_statements_stay_prepared_from_one_unit_of_work_to_the_next(
    searched: dict[str, OpenStore],
) -> None:
    """The driver prepares a statement run five times on a connection and drops them all at any
    rollback: the units of work end their reads with a commit, so a search or a child file
    after the first few is neither parsed nor planned again (and no DEALLOCATE is sent)."""
    from sqlalchemy import text

    centre = searched["centre"]
    for _ in range(8):
        with UnitOfWork(centre) as uow:
            children.search_children(uow, query="张", limit=100)
    with UnitOfWork(centre) as uow:
        prepared = uow.session.execute(text("SELECT count(*) FROM pg_prepared_statements")).scalar()
    assert prepared and prepared >= 2
