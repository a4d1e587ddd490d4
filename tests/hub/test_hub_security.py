"""Who sees what on the hub, enforced by PostgreSQL itself: row-level security from the scope the
program sets after sign-in, a role limited to the app's tables, an audit trail it can only add to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from hexi_care.db import hub
from hexi_care.db.scope import Scope
from tests.conftest import PW, HubTemplate, World, add_child, hub_world


@pytest.fixture
def hubw(hub_template: HubTemplate) -> Iterator[World]:
    w = hub_world(hub_template)
    yield w
    w.close()


def test_a_query_without_the_scope_filter_returns_only_the_directors_children(hubw: World) -> None:
    mine = add_child(hubw.login("centre"), hubw.community_a, "张小明")
    add_child(hubw.login("centre"), hubw.community_b, "李小红")
    director = hubw.login("dir_a")
    assert director.user is not None
    # Plain SQL, no ORM, no filter: only the database stands between this query and community b.
    with director.session(director.scope_for(director.user)) as s:
        rows = s.execute(text("SELECT id, name, community_id FROM child")).all()
        visits = s.execute(text("SELECT count(*) FROM household")).scalar()
    assert [(r.id, r.name) for r in rows] == [(mine.id, "张小明")]
    assert {r.community_id for r in rows} == {hubw.community_a}
    assert visits == 1
    # The centre supervisor's scope is the district: both.
    centre = hubw.login("centre")
    assert centre.user is not None
    with centre.session(centre.scope_for(centre.user)) as s:
        assert s.execute(text("SELECT count(*) FROM child")).scalar() == 2


def test_the_scope_is_read_once_per_query_not_once_per_row(hubw: World) -> None:
    """Migration 0014: the policies take the scope's list in a sub-select PostgreSQL works out
    once (an InitPlan); splitting a district's list for every row made a search 170 ms."""
    centre = hubw.login("centre")
    assert centre.user is not None
    with centre.session(centre.scope_for(centre.user)) as s:
        plan = "\n".join(s.execute(text("EXPLAIN SELECT id FROM child")).scalars())
        policies = (
            s.execute(text("SELECT qual FROM pg_policies WHERE policyname = 'hexi_scope'"))
            .scalars()
            .all()
        )
    assert "InitPlan" in plan and "hexi_in_scope" not in plan
    assert policies and all("hexi_in_scope" not in q for q in policies)


def test_a_connection_without_a_scope_sees_no_children(hubw: World) -> None:
    add_child(hubw.login("centre"), hubw.community_a)
    engine = hubw.admin._require_open()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM child")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM app_user")).scalar() == 5  # not scoped


def test_a_director_cannot_write_into_another_community(hubw: World) -> None:
    theirs = add_child(hubw.login("centre"), hubw.community_b, "李小红")
    director = hubw.login("dir_a")
    with director.session(Scope.of([hubw.community_a])) as s:
        changed = s.execute(text("UPDATE child SET note = 'x' WHERE id = :i"), {"i": theirs.id})
        assert changed.rowcount == 0  # invisible, so untouched
        with pytest.raises(ProgrammingError, match="row-level security"):
            s.execute(
                text(
                    "INSERT INTO household (id, community_id, address, hukou_address, phone, "
                    "note, version, created_at, updated_at) VALUES ('h1', :c, '', '', '', '', 1, "
                    "now(), now())"
                ),
                {"c": hubw.community_b},
            )


def test_the_audit_trail_is_append_only_for_the_programs_role(hubw: World) -> None:
    engine = hubw.admin._require_open()
    for sql in ("UPDATE audit_event SET detail = 'x'", "DELETE FROM audit_event"):
        with engine.connect() as conn, pytest.raises(ProgrammingError, match="permission denied"):
            conn.execute(text(sql))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_event")).scalar()


def test_the_programs_role_has_the_apps_tables_only(hubw: World) -> None:
    engine = hubw.admin._require_open()
    for sql in (
        "CREATE TABLE leak (x text)",
        "DROP TABLE child",
        "ALTER TABLE child DISABLE ROW LEVEL SECURITY",
        "DELETE FROM alembic_version",
        "SELECT * FROM pg_authid",
    ):
        with engine.connect() as conn, pytest.raises(ProgrammingError):
            conn.execute(text(sql))
    with engine.connect() as conn:
        role = conn.execute(
            text(
                "SELECT rolsuper, rolbypassrls, rolcreatedb FROM pg_roles WHERE rolname = current_user"
            )
        ).one()
    assert tuple(role) == (False, False, False)


def test_every_scoped_table_has_its_policy(hubw: World) -> None:
    assert hubw.admin.check() == []
    assert hubw.admin.is_hub


def test_sign_in_on_the_hub_uses_the_users_own_password(hubw: World) -> None:
    from hexi_care.errors import AuthFailed

    with pytest.raises(AuthFailed):
        hubw.login("dir_a", "wrong-password-1")
    engine = hubw.admin._require_open()
    throttle = hub.HubThrottle(engine)
    slot = hub.load_slots(engine).slot_id_for("dir_a")
    assert throttle.failures(slot) == 1  # counted in the hub, for every machine signing in
    store = hubw.login("dir_a", PW)
    assert store.user is not None and store.user.name == "dir_a"
    assert throttle.failures(slot) == 0


def test_the_search_function_answers_only_within_the_readers_scope(hubw: World) -> None:
    """hexi_child_search looks past row-level security to use the search indexes (migration
    0016); called by hand, as a director, it still returns no child of another community, and
    with no scope set it returns nothing at all."""
    mine = add_child(
        hubw.login("centre"), hubw.community_a, "张小明", id_number="12010320150301001X"
    )
    add_child(hubw.login("centre"), hubw.community_b, "张小红")
    director = hubw.login("dir_a")
    assert director.user is not None
    call = text("SELECT hexi_child_search(:g, :n, :s, :t)")
    args = {"g": ["张"], "n": "%张%", "s": None, "t": None}
    by_tail = {"g": None, "n": None, "s": None, "t": "X100%"}  # ends in 001X
    spelled = {"g": None, "n": None, "s": "zhangxiao%", "t": None}
    with director.session(director.scope_for(director.user)) as s:
        assert s.execute(call, args).scalar() == [mine.id]
        assert s.execute(call, by_tail).scalar() == [mine.id]
        assert s.execute(call, spelled).scalar() == [mine.id]
    centre = hubw.login("centre")
    assert centre.user is not None
    with centre.session(centre.scope_for(centre.user)) as s:
        assert len(s.execute(call, args).scalar()) == 2
    with hubw.admin._require_open().connect() as conn:  # no scope set: nothing
        assert conn.execute(call, args).scalar() == []


def test_a_search_reads_the_children_it_finds_through_the_primary_key(hubw: World) -> None:
    """Under row-level security PostgreSQL cannot use an index for LIKE; the search finds the
    ids through hexi_child_search and reads only those children. (On a table this small a scan
    would be cheaper: the planner is told to avoid one where it can, as with 20,000 children.)"""
    from hexi_care.services import children
    from hexi_care.services.context import UnitOfWork

    add_child(hubw.login("centre"), hubw.community_a, "张小明")
    centre = hubw.login("centre")

    def plan(hub: bool) -> str:
        with UnitOfWork(centre) as uow:
            stmt = children._filtered(
                children.select(children.ChildRow.id),
                hub=hub,
                query="张小",
                community_id=None,
                street_id=None,
                category=None,
                risk=None,
                overdue_on=None,
            )
            conn = uow.session.connection()
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            compiled = stmt.compile(conn)
            return "\n".join(
                conn.exec_driver_sql(f"EXPLAIN {compiled.string}", compiled.params).scalars()
            )

    assert "Seq Scan" in plan(hub=False)  # LIKE under the policies: every child is read
    assert "Seq Scan" not in plan(hub=True)
