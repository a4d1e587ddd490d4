"""Qt table models over plain domain objects (CONVENTIONS 4 and 8).

`RowsModel` holds a short list in memory. `PagedModel` is for the big lists: it asks the services,
through the database worker, for the number of matching rows and then for pages of rows as the
view scrolls to them; SQL does the filtering and sorting. A page that is not loaded yet shows an
ellipsis for a moment and is repainted when it arrives.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from hexi_care.ui.worker import DbWorker, Task

Index = QModelIndex | QPersistentModelIndex
PLACEHOLDER = "…"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # numbers


@dataclass(frozen=True)
class Column:
    """A column: its header (English source text, context "Columns"), how to show a row, and the
    service's sort key when the column can be sorted."""

    title: str
    text: Callable[[Any], str]
    sort_key: str | None = None
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    foreground: Callable[[Any], QColor | None] | None = None
    tooltip: Callable[[Any], str] | None = None
    width: int = 0  # a hint in characters; 0 lets the view decide

    def header(self) -> str:
        return QCoreApplication.translate("Columns", self.title)


# Roles as plain ints: data() runs for every painted cell, so it avoids enum arithmetic.
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
SERVED = frozenset({DISPLAY, ACCESSIBLE, ALIGN, FOREGROUND, TOOLTIP})
FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
NO_FLAGS = Qt.ItemFlag.NoItemFlags


def _role(role: Any) -> int:
    return role if type(role) is int else int(getattr(role, "value", role))


class _Base(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._aligns = [
            int(c.align.value if hasattr(c.align, "value") else c.align) for c in self.columns
        ]
        # row number → (texts, brushes); rebuilt when rows change.
        self._rendered: dict[int, tuple[list[str], list[QBrush | None]]] = {}

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if _role(role) != DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header()
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def _render(self, row: int, obj: Any) -> tuple[list[str], list[QBrush | None]]:
        done = self._rendered.get(row)
        if done is None:
            texts = [c.text(obj) for c in self.columns]
            brushes: list[QBrush | None] = []
            for c in self.columns:
                colour = c.foreground(obj) if c.foreground is not None else None
                brushes.append(QBrush(colour) if colour is not None else None)
            done = self._rendered[row] = (texts, brushes)
        return done

    def _cell(self, row: int, obj: Any, col: int, role: int) -> Any:
        if role in (DISPLAY, ACCESSIBLE):
            return self._render(row, obj)[0][col]
        if role == ALIGN:
            return self._aligns[col]
        if role == FOREGROUND:
            return self._render(row, obj)[1][col]
        if role == TOOLTIP:
            tip = self.columns[col].tooltip
            return (tip(obj) or None) if tip is not None else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return FLAGS if index.isValid() else NO_FLAGS


class RowsModel(_Base):
    """A short list held in memory (dashboard lists, a child's visits, activities)."""

    def __init__(
        self, columns: Sequence[Column], rows: Sequence[Any] = (), parent: QObject | None = None
    ) -> None:
        super().__init__(columns, parent)
        self.rows: list[Any] = list(rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._rendered.clear()
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def remove_rows(self, rows: Iterable[int]) -> None:
        """Drop these rows and keep the others (and a view's place among them): no reset."""
        for r in sorted({r for r in rows if 0 <= r < len(self.rows)}, reverse=True):
            self.beginRemoveRows(QModelIndex(), r, r)
            del self.rows[r]
            self._rendered.clear()  # keyed by row number, which moved
            self.endRemoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = _role(role)
        if role not in SERVED or not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self.rows) and 0 <= c < len(self.columns)):
            return None
        return self._cell(r, self.rows[r], c, role)


@dataclass
class _Query:
    params: dict[str, Any] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False


class PagedModel(_Base):
    """Rows fetched page by page from the services through the single database worker.

    `count(uow, **params)` gives the number of rows; `page(uow, sort=…, descending=…, limit=…,
    offset=…, **params)` one page. `first(uow, …)` (optional, the page's arguments) gives both the
    number and the first page at once, in one query where the service can (a search counts its
    matches in the pass that finds them). `reloaded` fires when a new query's first page is in, with the
    time it took (seconds, from the request to the model reset).
    """

    reloaded = Signal(float)
    failed = Signal(object)

    def __init__(
        self,
        worker: DbWorker,
        columns: Sequence[Column],
        count: Callable[..., int],
        page: Callable[..., list[Any]],
        *,
        page_size: int = 200,
        first: Callable[..., tuple[int, list[Any]]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, parent)
        self.worker = worker
        self._count_fn = count
        self._page_fn = page
        self._first_fn = first
        self.page_size = max(20, page_size)
        self.query = _Query()
        self.total = 0
        self._pages: dict[int, list[Any]] = {}
        self._inflight: set[int] = set()
        self._generation = 0
        self._loading: Task | None = None
        self._pending_reload = False

    # -- queries -----------------------------------------------------------------------------
    def set_query(self, **params: Any) -> None:
        self.query.params = {k: v for k, v in params.items() if v not in (None, "", False)}
        self.reload()

    def set_sort(self, sort: str | None, descending: bool = False) -> None:
        self.query.sort = sort
        self.query.descending = descending
        self.reload()

    @property
    def loading(self) -> bool:
        return self._loading is not None

    def reload(self) -> None:
        """Count and fetch the first page; while a reload is in flight, the newest request waits
        for it and runs next (typing fast coalesces into one query, never a queue of them)."""
        if self._loading is not None:
            self._pending_reload = True
            return
        self._pending_reload = False
        self._generation += 1
        gen = self._generation
        q = _Query(dict(self.query.params), self.query.sort, self.query.descending)
        started = time.perf_counter()
        size = self.page_size

        def run(task: Task) -> tuple[int, list[Any]]:
            with task.uow() as uow:
                if self._first_fn is not None:
                    total, rows = self._first_fn(uow, **self._page_args(q), limit=size, offset=0)
                    return total, list(rows)
                rows = list(self._page_fn(uow, **self._page_args(q), limit=size, offset=0))
                # A short first page is the whole answer: no need to count (most searches).
                total = len(rows) if len(rows) < size else self._count_fn(uow, **q.params)
            return total, rows

        def done(result: tuple[int, list[Any]]) -> None:
            self._loading = None
            if gen == self._generation:
                total, rows = result
                self.beginResetModel()
                self.total = total
                self._pages = {0: rows} if rows else {}
                self._rendered.clear()
                self._inflight.clear()
                self.endResetModel()
                self.reloaded.emit(time.perf_counter() - started)
            if self._pending_reload:
                self.reload()

        def failed(exc: BaseException) -> None:
            self._loading = None
            self.failed.emit(exc)
            if self._pending_reload:
                self.reload()

        self._loading = self.worker.submit(
            run, done=done, failed=failed, owner=self, name="list-reload"
        )

    def _page_args(self, q: _Query) -> dict[str, Any]:
        args = dict(q.params)
        if q.sort:
            args["sort"] = q.sort
            args["descending"] = q.descending
        return args

    def _fetch(self, page: int) -> None:
        if page in self._inflight or page in self._pages:
            return
        self._inflight.add(page)
        gen = self._generation
        q = _Query(dict(self.query.params), self.query.sort, self.query.descending)
        size = self.page_size

        def run(task: Task) -> list[Any]:
            with task.uow() as uow:
                return list(
                    self._page_fn(uow, **self._page_args(q), limit=size, offset=page * size)
                )

        def done(rows: list[Any]) -> None:
            if gen != self._generation:
                return
            self._inflight.discard(page)
            first = page * size
            last = min(self.total, first + size) - 1
            # Rows may have been deleted meanwhile: pad so row numbers stay consistent.
            rows = rows[: last - first + 1]
            self._pages[page] = rows
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

        def failed(exc: BaseException) -> None:
            self._inflight.discard(page)
            self.failed.emit(exc)

        self.worker.submit(run, done=done, failed=failed, owner=self, name="list-page")

    # -- rows --------------------------------------------------------------------------------
    def row_at(self, row: int) -> Any:
        """The row's object if its page is loaded, else None (and the page is requested)."""
        if not 0 <= row < self.total:
            return None
        page, pos = divmod(row, self.page_size)
        rows = self._pages.get(page)
        if rows is None:
            self._fetch(page)
            return None
        return rows[pos] if pos < len(rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.total

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = _role(role)
        if role not in SERVED or not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < self.total and 0 <= c < len(self.columns)):
            return None
        obj = self.row_at(r)
        if obj is None:
            return PLACEHOLDER if role == DISPLAY else None
        return self._cell(r, obj, c, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].sort_key
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.query.sort and descending == self.query.descending:
            return
        self.set_sort(key, descending)
