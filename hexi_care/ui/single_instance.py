"""One window per store: the first copy listens on a local socket named after the store; a second
copy started on the same store tells the first to come forward, says so, and exits."""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from hexi_care.db.location import is_hub, shown

ACTIVATE = b"activate\n"


def server_name(store_path: Path | str) -> str:
    """Per user and per store (resolved path, or a hub's address without its password), short
    enough for every platform's socket rules."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in some sandboxes
        user = "user"
    where = shown(store_path) if is_hub(store_path) else Path(store_path).expanduser().resolve()
    key = f"{user}\0{where}".encode()
    return "hexi-care-" + hashlib.sha256(key).hexdigest()[:24]


class SingleInstance(QObject):
    """`claim()` is True for the first copy; the first copy then emits `activated` whenever another
    copy asks it to come forward."""

    activated = Signal()

    def __init__(self, store_path: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(store_path)
        self.server: QLocalServer | None = None

    def _ask_first_copy(self, timeout_ms: int = 800) -> bool:
        sock = QLocalSocket()
        sock.connectToServer(self.name)
        if not sock.waitForConnected(timeout_ms):
            return False
        sock.write(ACTIVATE)
        sock.flush()
        sock.waitForBytesWritten(timeout_ms)
        sock.disconnectFromServer()
        return True

    def claim(self) -> bool:
        if self._ask_first_copy():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A stale socket left by a crash: nobody answered above, so it is safe to remove.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return True  # cannot listen (odd platform): run without the guard
        server.newConnection.connect(self._on_connection)
        self.server = server
        return True

    def _on_connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            # The message is one short line: wait for it here rather than keep the socket around.
            if sock.bytesAvailable() or sock.waitForReadyRead(500):
                data = bytes(sock.readAll().data())
                if ACTIVATE.strip() in data:
                    self.activated.emit()
            sock.abort()
            sock.deleteLater()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server.deleteLater()
            self.server = None
