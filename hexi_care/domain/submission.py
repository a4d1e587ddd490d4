"""What a home visit needs before it is submitted for review: one rule, used by the service (and so
the command line) and by the visit window, which shows the findings beside the fields.

A draft may be incomplete; a submitted visit is read by the supervisor, so it must say who visited,
whom they met, and rate the five sections (DOMAIN.md "What a home visit records", 4–8).
Incoming exchange packages do not pass through here: they apply what another laptop already
submitted, as it came.
"""

from __future__ import annotations

from hexi_care.domain.model import Visit

#: Text fields a submitted visit must fill, in the order the form shows them.
REQUIRED_TEXT = ("visitors", "people_met")


def missing_for_submit(visit: Visit) -> list[str]:
    """Field names (as the service and the form call them) still empty for a submission, in form
    order; empty when the visit may be submitted."""
    missing = [name for name in REQUIRED_TEXT if not getattr(visit, name).strip()]
    missing += [name for name in Visit.SECTIONS if getattr(visit, name).rating is None]
    return missing
