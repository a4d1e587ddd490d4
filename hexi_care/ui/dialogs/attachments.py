"""Attachments: thumbnails, and the viewer that shows a photo or PDF from memory."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hexi_care.ui.common import (
    label,
)
from hexi_care.ui.screen import fit_to_screen

if TYPE_CHECKING:
    pass


THUMB_SIZE = 240


def make_thumbnail(data: bytes) -> bytes | None:
    """A JPEG thumbnail of an image (QImage is safe off the GUI thread); None for non-images."""
    img = QImage()
    if not img.loadFromData(data):
        return None
    small = img.scaled(
        THUMB_SIZE,
        THUMB_SIZE,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    buf = QByteArray()
    dev = QBuffer(buf)
    dev.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stub says bytes, but the call only accepts str at run time.
    small.save(dev, "JPEG", 80)  # type: ignore[call-overload]
    dev.close()
    return bytes(buf.data())


class AttachmentViewer(QDialog):
    """A photo at full size, or a PDF page by page (QtPdf), straight from memory: nothing is
    written to disk in the clear."""

    def __init__(self, parent: QWidget | None, filename: str, mime: str, data: bytes) -> None:
        super().__init__(parent)
        self.setWindowTitle(filename)
        lay = QVBoxLayout(self)
        self._keep: list[Any] = []
        if mime.startswith("image/"):
            pix = QPixmap()
            pix.loadFromData(data)
            lab = QLabel()
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lab.setPixmap(
                pix.scaled(
                    1100,
                    640,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                if pix.width() > 1100 or pix.height() > 640
                else pix
            )
            scroll = QScrollArea()
            scroll.setWidget(lab)
            scroll.setWidgetResizable(True)
            lay.addWidget(scroll)
        elif mime == "application/pdf":
            from PySide6.QtPdf import QPdfDocument
            from PySide6.QtPdfWidgets import QPdfView

            buf = QBuffer(self)
            buf.setData(QByteArray(data))
            buf.open(QIODevice.OpenModeFlag.ReadOnly)
            doc = QPdfDocument(self)
            doc.load(buf)
            view = QPdfView(self)
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            view.setDocument(doc)
            self._keep += [buf, doc]
            lay.addWidget(view)
        else:
            lay.addWidget(label(self.tr("This kind of file cannot be shown here."), "muted"))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        lay.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        fit_to_screen(self, 1000, 700)
