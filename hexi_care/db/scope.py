"""The one scope filter: every ORM query a user's session makes is limited to the communities of the
user's units (SQLAlchemy `do_orm_execute` + `with_loader_criteria`), and every flush refuses rows
outside them. Services and reports cannot forget it because it is not theirs to apply."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, event, text
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction, with_loader_criteria

from hexi_care.db.base import ScopedMixin
from hexi_care.errors import ScopeDenied

SCOPE_KEY = "hexi_scope"


@dataclass(frozen=True, slots=True)
class Scope:
    """Communities a session may see. `everything` is for the system itself (migrations, demo
    generation, exchange import) and for a centre supervisor whose unit is the store's root."""

    communities: frozenset[str]
    everything: bool = False

    @staticmethod
    def of(communities: Iterable[str]) -> Scope:
        return Scope(frozenset(communities))

    @staticmethod
    def all() -> Scope:
        return Scope(frozenset(), everything=True)

    @staticmethod
    def nothing() -> Scope:
        return Scope(frozenset())

    def allows(self, community_id: str | None) -> bool:
        return self.everything or (community_id is not None and community_id in self.communities)


def set_scope(session: Session, scope: Scope) -> None:
    session.info[SCOPE_KEY] = scope


def get_scope(session: Session) -> Scope:
    scope = session.info.get(SCOPE_KEY)
    if not isinstance(scope, Scope):
        # A session without a scope sees nothing: forgetting to scope fails closed.
        return Scope.nothing()
    return scope


@event.listens_for(Session, "do_orm_execute")
def _filter_queries(state: ORMExecuteState) -> None:
    if state.is_column_load or state.is_relationship_load:
        return  # the criteria below propagate to these loads already
    if not (state.is_select or state.is_update or state.is_delete):
        return
    scope = get_scope(state.session)
    if scope.everything:
        return
    allowed = tuple(sorted(scope.communities))
    state.statement = state.statement.options(
        with_loader_criteria(
            ScopedMixin,
            lambda cls: cls.community_id.in_(allowed),
            include_aliases=True,
            track_closure_variables=True,
        )
    )


@event.listens_for(Session, "before_flush")
def _guard_writes(session: Session, _flush_context: Any, _instances: Any) -> None:
    scope = get_scope(session)
    if scope.everything:
        return
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if isinstance(obj, ScopedMixin) and not scope.allows(obj.community_id):
            raise ScopeDenied()


def database_scope(scope: Scope) -> str:
    """The value of the hub's `hexi.scope` setting that row-level security reads (migration 0010)."""
    return "*" if scope.everything else ",".join(sorted(scope.communities))


@event.listens_for(Session, "after_begin")
def _scope_in_database(session: Session, _tx: SessionTransaction, connection: Connection) -> None:
    # On the hub the database enforces the same scope: set for this transaction only (a pooled
    # connection never carries one user's scope into another's transaction).
    if connection.dialect.name != "postgresql":
        return
    connection.execute(
        text("SELECT set_config('hexi.scope', :scope, true)"),
        {"scope": database_scope(get_scope(session))},
    )
