"""The visit form's snapshot codec (services.visits.visit_data / visit_from_data): whatever a visit
holds comes back unchanged through the JSON the recovery folder keeps."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from hexi_care.domain.enums import Rating, SafetyTopic, VisitKind, VisitStatus
from hexi_care.domain.model import SectionRating, Visit
from hexi_care.services import visits

texts = st.text(max_size=30)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
)
sections = st.builds(SectionRating, rating=st.none() | st.sampled_from(Rating), note=texts)
visits_st = st.builds(
    Visit,
    child_id=texts,
    visit_date=days,
    kind=st.sampled_from(VisitKind),
    status=st.sampled_from(VisitStatus),
    visit_time=texts,
    visitors=texts,
    people_met=texts,
    basic_info_verified=st.booleans(),
    entrusted_agreement=st.none() | st.booleans(),
    carer_suitable=st.none() | st.booleans(),
    child_alone_under16=st.booleans(),
    physical=sections,
    psychological=sections,
    living=sections,
    education=sections,
    social_support=sections,
    safety_reminders=st.lists(st.sampled_from([t.value for t in SafetyTopic]), unique=True),
    needs=texts,
    next_visit_date=st.none() | days,
    reviewed_by=st.none() | texts,
    reviewed_at=st.none() | moments,
    submitted_at=st.none() | moments,
    id=st.none() | texts,
)


@given(visits_st)
def test_a_visit_survives_its_snapshot(visit: Visit) -> None:
    data = json.loads(json.dumps(visits.visit_data(visit)))
    assert visits.visit_from_data(data) == visit


def test_a_snapshot_keeps_what_does_not_validate() -> None:
    """Unlike visit_from_dict, the snapshot reader refuses nothing typed: a visit time too long for
    a draft comes back as it was; only a safety topic the program does not know is left out."""
    data = visits.visit_data(
        Visit(child_id="c", visit_date=date(2026, 11, 19), visit_time="x" * 50, needs="冬季取暖")
    )
    data["safety_reminders"] = ["drowning", "no-such-topic"]
    back = visits.visit_from_data(data)
    assert (back.visit_time, back.needs) == ("x" * 50, "冬季取暖")
    assert back.safety_reminders == ["drowning"]
