"""Photos and scanned documents kept inside the encrypted store, size-capped, with thumbnails
(the window makes the thumbnail; the core stores it)."""

from __future__ import annotations

import hashlib
import mimetypes
from datetime import date
from pathlib import PurePath

from sqlalchemy import select

from hexi_care.db.models import Attachment as AttachmentRow
from hexi_care.db.models import Child as ChildRow
from hexi_care.domain.model import Attachment
from hexi_care.errors import InvalidInput, NotFound
from hexi_care.services import validate as v
from hexi_care.services.context import UnitOfWork

MAX_BYTES = 10 * 1024 * 1024
MAX_THUMBNAIL_BYTES = 256 * 1024
ALLOWED_MIME = ("image/jpeg", "image/png", "image/webp", "application/pdf")


def to_attachment(r: AttachmentRow, has_thumb: bool) -> Attachment:
    return Attachment(
        id=r.id,
        child_id=r.child_id,
        filename=r.filename,
        mime=r.mime,
        size=r.size,
        has_thumbnail=has_thumb,
        created_at=r.created_at,
        expires_on=r.expires_on,
    )


def add_attachment(
    uow: UnitOfWork,
    child_id: str,
    filename: str,
    data: bytes,
    *,
    thumbnail: bytes | None = None,
    expires_on: date | None = None,
) -> Attachment:
    """Keep a document; `expires_on` is the last day an evidence document is valid (the
    re-examination worklist asks for a new one before then)."""
    uow.require_case_reader()
    child = uow.session.get(ChildRow, child_id)
    if child is None:
        raise NotFound(what="child", ref=child_id)
    name = PurePath(filename).name[:255] or "attachment"
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if mime not in ALLOWED_MIME:
        raise InvalidInput("attachment", "choice", choices="JPEG, PNG, WebP, PDF")
    if not data:
        raise InvalidInput("attachment", "required")
    if len(data) > MAX_BYTES:
        raise InvalidInput("attachment", "too_big", max="10 MB")
    if thumbnail is not None and len(thumbnail) > MAX_THUMBNAIL_BYTES:
        thumbnail = None
    row = AttachmentRow(
        child_id=child.id,
        community_id=child.community_id,
        filename=name,
        mime=mime,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
        thumbnail=thumbnail,
        created_at=uow.now(),
        expires_on=v.parse_date("expires_on", expires_on),
    )
    uow.session.add(row)
    uow.session.flush()
    uow.audit("create", "attachment", row.id)
    return to_attachment(row, thumbnail is not None)


def list_attachments(uow: UnitOfWork, child_id: str) -> list[Attachment]:
    uow.require_case_reader()
    rows = uow.session.execute(
        select(
            AttachmentRow.id,
            AttachmentRow.child_id,
            AttachmentRow.filename,
            AttachmentRow.mime,
            AttachmentRow.size,
            AttachmentRow.thumbnail.is_not(None),
            AttachmentRow.created_at,
            AttachmentRow.expires_on,
        )
        .where(AttachmentRow.child_id == child_id)
        .order_by(AttachmentRow.created_at)
    )
    return [
        Attachment(
            id=i,
            child_id=c,
            filename=f,
            mime=m,
            size=s,
            has_thumbnail=bool(t),
            created_at=at,
            expires_on=exp,
        )
        for i, c, f, m, s, t, at, exp in rows
    ]


def attachment_data(uow: UnitOfWork, attachment_id: str, *, thumbnail: bool = False) -> bytes:
    uow.require_case_reader()
    row = uow.session.get(AttachmentRow, attachment_id)
    if row is None:
        raise NotFound(what="attachment", ref=attachment_id)
    uow.audit("open", "attachment", row.id)
    if thumbnail:
        return row.thumbnail or b""
    return row.data
