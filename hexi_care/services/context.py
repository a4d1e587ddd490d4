"""The unit of work every service receives: one session, the acting user and their scope, the
audit trail and the clock. The caller opens it around one user action; it commits once at the end
(a crash never leaves half a visit) or rolls back on any error."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import event, func, select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from hexi_care.db import audit
from hexi_care.db.engine import classify_db_error
from hexi_care.db.models import ChangeLog, Setting
from hexi_care.db.scope import Scope
from hexi_care.db.store import OpenStore
from hexi_care.domain import dates
from hexi_care.domain.enums import Role
from hexi_care.domain.model import User
from hexi_care.errors import ScopeDenied

log = logging.getLogger("hexi_care.services")
E = TypeVar("E", bound=BaseException)

#: The setting naming the store's time zone, and where a session caches it.
ZONE_SETTING = "time_zone"
ZONE_KEY = "hexi_zone"


@dataclass(frozen=True, slots=True)
class Notice:
    """A message about a successful action; parameters never carry personal data."""

    key: str
    params: dict[str, Any]

    def message(self, lang: str = "zh") -> str:
        from hexi_care.messages import render

        return render(self.key, lang, **self.params)


#: Session.info key: the session has flushed writes that only its own connection sees.
_WROTE = "hexi_care.wrote"


@event.listens_for(Session, "after_flush")
def _mark_written(session: Session, _context: Any) -> None:
    session.info[_WROTE] = True


class UnitOfWork:
    def __init__(self, store: OpenStore, user: User | None = None, *, system: bool = False) -> None:
        """`user=None` needs `system=True`: the store's own work (demo data, imports)."""
        if user is None and not system:
            user = store.user
        if user is None and not system:
            raise ScopeDenied()
        self.store = store
        self.user = user
        self.scope = Scope.all() if user is None else store.scope_for(user)
        self._session: Session | None = None
        self._audit_head: audit.ChainHead | None = None
        #: Things the user should hear about although the action succeeded (an ID number with an
        #: unknown address code): message keys with their parameters, for the CLI and the window.
        self.notices: list[Notice] = []

    # -- lifecycle ---------------------------------------------------------------------------
    def __enter__(self) -> UnitOfWork:
        self._session = self.store.session(self.scope)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            if exc_type is None:
                try:
                    session.commit()
                except DatabaseError as err:
                    session.rollback()
                    problem = classify_db_error(err)
                    if problem is not None:
                        raise problem from None
                    raise
            else:
                session.rollback()
                refusal = getattr(exc, "audit_refusal", None)
                if refusal is None and isinstance(exc, ScopeDenied) and self.user is not None:
                    detail = str(exc.params.get("action") or exc.key)[:200]
                    refusal = ("scope", None, detail)
                if refusal is not None:
                    self._audit_refusal(*refusal)
                if isinstance(exc, DatabaseError):
                    problem = classify_db_error(exc)
                    if problem is not None:
                        raise problem from None
        finally:
            session.close()
            self._session = None
            self._audit_head = None

    @contextmanager
    def side_reader(self) -> Iterator[Session | None]:
        """A second session with this unit of work's scope, for reading in another thread at the
        same time (OpenStore.reading_session); None once this unit of work has written, since
        the other connection would not see those writes: then read here."""
        s = self.session
        if s.new or s.dirty or s.deleted or s.info.get(_WROTE):
            yield None
            return
        with self.store.reading_session(self.scope) as side:
            yield side

    @staticmethod
    def refuse(exc: E, entity: str, entity_id: str | None, detail: str) -> E:
        """Mark a refusal to be audited once this unit of work has rolled back: `raise
        uow.refuse(UserProblem(...), "recovery", device_id, "revoked")`."""
        exc.audit_refusal = (entity, entity_id, detail)  # type: ignore[attr-defined]
        return exc

    def _audit_refusal(self, entity: str, entity_id: str | None, detail: str) -> None:
        """A refused action is an audit event, written on its own after the rollback (the
        refused work is gone; the attempt stays)."""
        try:
            with self.store.session(Scope.all()) as s, s.begin():
                audit.append(
                    s,
                    self.store.mac_key,
                    at=self.now(),
                    user_id=self.user_id,
                    device_id=self.store.device_id,
                    action="refused",
                    entity=entity,
                    entity_id=entity_id,
                    detail=detail,
                )
        except Exception:  # the refusal itself must still reach the user
            log.exception("could not audit a refused action")

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("unit of work used outside its with-block")
        return self._session

    # -- facts of the actor ------------------------------------------------------------------
    @property
    def user_id(self) -> str | None:
        return self.user.id if self.user else None

    @property
    def role(self) -> Role | None:
        return self.user.role if self.user else None

    def now(self) -> datetime:
        return self.store.clock()

    def zone(self) -> tzinfo:
        """The store's time zone (setting "time_zone", Asia/Shanghai by default): every date
        derived from a timestamp uses it, never the machine's zone."""
        cached = self.session.info.get(ZONE_KEY)
        if isinstance(cached, tzinfo):
            return cached
        row = self.session.get(Setting, ZONE_SETTING)
        name = json.loads(row.value_json) if row is not None else dates.DEFAULT_ZONE
        try:
            tz = dates.zone(str(name))
        except ValueError:
            log.warning("unknown time zone in the settings; using %s", dates.DEFAULT_ZONE)
            tz = dates.zone()
        self.session.info[ZONE_KEY] = tz
        return tz

    def today(self) -> date:
        """Today in the store's time zone."""
        return dates.local_date(self.now(), self.zone())

    def notice(self, key: str, /, **params: Any) -> None:
        """Tell the user something about an action that succeeded (see `notices`)."""
        self.notices.append(Notice(key, params))

    def require_role(self, *roles: Role, action: str = "") -> None:
        if self.user is None:
            return  # system work
        if self.user.role not in roles:
            raise ScopeDenied("role_denied", role=self.user.role.value, action=action or "do this")

    def require_case_reader(self) -> None:
        """Case data is for directors and supervisors; an administrator manages users and keys."""
        self.require_role(
            Role.DIRECTOR, Role.STREET_SUPERVISOR, Role.CENTRE_SUPERVISOR, action="read case files"
        )

    def require_in_scope(self, community_id: str | None) -> None:
        if not self.scope.allows(community_id):
            raise ScopeDenied()

    # -- audit and change log ----------------------------------------------------------------
    def audit(self, action: str, entity: str, entity_id: str | None, detail: str = "") -> None:
        # The transaction holds the write lock, so the head read once stays the head.
        ev = audit.append(
            self.session,
            self.store.mac_key,
            at=self.now(),
            user_id=self.user_id,
            device_id=self.store.device_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            detail=detail,
            last=self._audit_head,
        )
        self._audit_head = audit.ChainHead(ev.seq, ev.mac)

    def record_change(
        self, entity: str, entity_id: str, community_id: str | None, field: str, old: Any, new: Any
    ) -> None:
        """A field-level edit with the value it was edited from, for merging exchanges."""
        next_seq = (self.session.scalar(select(func.max(ChangeLog.seq))) or 0) + 1
        self.session.add(
            ChangeLog(
                seq=next_seq,
                entity=entity,
                entity_id=entity_id,
                community_id=community_id,
                field=field,
                old_json=json.dumps(old, ensure_ascii=False, default=str),
                new_json=json.dumps(new, ensure_ascii=False, default=str),
                user_id=self.user_id,
                device_id=self.store.device_id,
                at=self.now(),
            )
        )
