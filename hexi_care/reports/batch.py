"""Batch printing: many checklists or visit summaries (a community or street, a date range) in one
PDF, laid out in a single pass. Each document keeps its own title, QR code and "第 X 页 共 Y 页",
so the printed stack splits back into forms. Long batches report progress and can be cancelled.
"""

from __future__ import annotations

from collections.abc import Sequence

from hexi_care.reports.base import DocumentPart, Output, Progress, no_gc, render_parts
from hexi_care.reports.checklist import checklist_story
from hexi_care.reports.data import ChecklistData, ReportMeta, VisitSummaryData
from hexi_care.reports.labels import ZH, Labels
from hexi_care.reports.summary import summary_story


def render_batch(
    items: Sequence[ChecklistData | VisitSummaryData],
    meta: ReportMeta,
    out: Output = None,
    *,
    title: str = "",
    labels: Labels = ZH,
    progress: Progress | None = None,
) -> bytes | None:
    """Render checklists and/or visit summaries into one PDF, in the order given.

    `progress(done, total)` is called as each document starts (and once at the end); returning
    False stops with `ReportCancelled` and writes nothing.
    """
    if not items:
        raise ValueError("no document to render")
    with no_gc():
        parts: list[DocumentPart] = []
        for item in items:
            if isinstance(item, ChecklistData):
                parts.append(checklist_story(item, meta, labels))
            else:
                parts.append(summary_story(item, meta, labels))
        pdf_title = title or parts[0].title
        return render_parts(parts, meta, out, pdf_title=pdf_title, labels=labels, progress=progress)
