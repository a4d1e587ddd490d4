"""The seed newsletter's own figures (issue 16 item 5), entered as events and counted back:
慰问 of 20 户, 30 人, 80 件, 1.2 万元 (children named, other people counted); an activity over
several days of 155 人次 (named children and a head count); a campaign of 100 余户, 216 人次."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hexi_care.domain.enums import Sex
from hexi_care.domain.model import Activity, Assistance, Child, Household
from hexi_care.services import children, households, statistics, support
from hexi_care.services.context import UnitOfWork
from hexi_care.services.statistics import EventFilter
from tests.cli.test_cli import Hexi
from tests.conftest import PW, World
from tests.factories import numbered_name
from tests.reports.pdfcheck import all_text, flat

SPRING = "2026春节慰问"
WINTER = "冬季送温暖"
PERIOD = (date(2026, 1, 1), date(2026, 2, 28))


def _families(uow: UnitOfWork, community: str, n: int, prefix: str) -> list[tuple[str, str]]:
    """n households with one registered child each: (household id, child id)."""
    out = []
    for i in range(n):
        hh = households.add_household(uow, Household(community_id=community, address=f"{i}号"))
        child = children.add_child(
            uow,
            Child(
                name=numbered_name(prefix, i),
                sex=Sex.FEMALE,
                community_id=community,
                birth_date=date(2015, 1, 1),
                household_id=hh.id,
            ),
        )
        out.append((hh.id or "", child.id or ""))
    return out


def test_the_seeds_figures_come_back(world: World, tmp_path: Path) -> None:
    a = world.login("dir_a")
    with UnitOfWork(a) as uow:
        spring = _families(uow, world.community_a, 20, "春")
        winter = _families(uow, world.community_a, 105, "冬")
        # 慰问: one row per household, 4 items and 600 yuan each; in half of them an adult
        # (a grandparent) benefited too: 20 children + 10 others = 30 人.
        for i, (hh, child) in enumerate(spring):
            support.record_assistance(
                uow,
                Assistance(
                    household_id=hh,
                    given_on=date(2026, 2, 5),
                    kind="goods",
                    items=4,
                    amount_fen=60000,
                    child_ids=[child],
                    others=1 if i % 2 else 0,
                    campaign=SPRING,
                    source="区慈善协会",
                ),
            )
        # A campaign over 105 households: 216 person-times (105 children, 111 others).
        for i, (hh, child) in enumerate(winter):
            support.record_assistance(
                uow,
                Assistance(
                    household_id=hh,
                    given_on=date(2026, 1, 20),
                    kind="service",
                    child_ids=[child],
                    others=2 if i < 6 else 1,
                    campaign=WINTER,
                ),
            )
    centre = world.login("centre")
    with UnitOfWork(centre) as uow:
        # Three days, 15 children named, 140 more people counted at the door: 155 人次.
        camp = support.add_activity(
            uow,
            Activity(
                unit_id=world.street,
                title="寒假托管营",
                held_on=date(2026, 1, 26),
                ends_on=date(2026, 1, 28),
                participant_ids=[c for _, c in winter[:15]],
                head_count=140,
                campaign=WINTER,
                funder="区民政局",
            ),
        )
    assert camp.ends_on == date(2026, 1, 28) and camp.head_count == 140

    with UnitOfWork(centre) as uow:
        seed = statistics.compute(uow, "河西区", *PERIOD, EventFilter(campaign=SPRING)).figures
        activity = statistics.compute(
            uow, "河西区", *PERIOD, EventFilter(activity_id=camp.id)
        ).figures
        by_funder = statistics.compute(uow, "河西区", *PERIOD, EventFilter(funder="区慈善协会"))
        street = statistics.compute(uow, "大营门街", *PERIOD).figures
        # An activity over 26–28 January counts in a period that holds only its last day.
        late = statistics.compute(
            uow, "河西区", date(2026, 1, 28), date(2026, 1, 31), EventFilter(activity_id=camp.id)
        ).figures
    assert (seed.households, seed.children, seed.items, seed.amount_fen) == (20, 30, 80, 1_200_000)
    assert (seed.person_times, seed.household_times, seed.visits) == (30, 20, 0)
    assert activity.person_times == 155 and activity.children == 15
    assert late.person_times == 155
    assert by_funder.figures.amount_fen == 1_200_000
    # Everything in the street: 125 households; the campaign's 216 + the 慰问's 30 + the camp's 155.
    assert street.households == 125 and street.person_times == 216 + 30 + 155
    world.admin.lock()

    h = Hexi(world.path)
    out = tmp_path / "winter.pdf"
    code, stdout, err = h.as_(
        "centre", PW, "report", "stats", "--unit", "河西区", "--from", "2026-01-01", "--to",
        "2026-02-28", "--campaign", WINTER, "--json", "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(stdout)
    assert data["narrowed_to"] == {"campaign": WINTER}
    total = data["total"]
    # 105 households (100 余户); 216 person-times from the help and 155 from the camp.
    assert (total["households"], total["household_times"]) == (105, 105)
    assert total["person_times"] == 216 + 155
    text = all_text(out.read_bytes())
    assert flat(f"项目：{WINTER}") in text and flat("服务户次") in text
