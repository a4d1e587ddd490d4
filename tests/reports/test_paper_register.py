"""The register (台账) from a real store, read back from the real .xlsx (issue 16 item 8)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from hexi_care.domain.enums import Relationship
from hexi_care.domain.model import Guardian
from hexi_care.reports.register import COLUMNS
from hexi_care.services import households, units
from hexi_care.services.context import UnitOfWork
from tests.cli.test_cli import Hexi
from tests.conftest import PW, World, add_child

HEXI = "12010320150301001X"


def _sheet(path: Path) -> list[dict[str, object]]:
    sheet = load_workbook(path).active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    return [dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]]


def test_register_rows_addresses_guardians_order_and_print_setup(
    world: World, tmp_path: Path
) -> None:
    with UnitOfWork(world.admin) as uow:
        xiawa = units.add_unit(uow, "小围堤道社区", "下瓦房街")
    a = world.login("dir_a")
    child = add_child(a, world.community_a, name="王𠮷", id_number=HEXI, birth_date=None)
    with UnitOfWork(a) as uow:
        households.save_guardian(
            uow,
            Guardian(
                name="金宏然",
                relationship=Relationship.GRANDMOTHER,
                household_id=child.household_id,
                is_guardian=True,
                is_carer=True,
                phone="13800001111",
            ),
        )
    add_child(world.login("dir_b"), world.community_b, name="马一")
    add_child(world.login("centre"), xiawa.id, name="下二")
    world.admin.lock()
    h = Hexi(world.path)

    out = tmp_path / "district.xlsx"
    code, _, err = h.as_("centre", PW, "report", "register", "--unit", "河西区", "--out", str(out))
    assert code == 0, err
    rows = _sheet(out)
    # The district's order of streets (大营门街, 下瓦房街, … 马场街), not character-code order.
    assert [r["street_name"] for r in rows] == ["大营门街", "下瓦房街", "马场街"]
    mine = rows[0]
    assert mine["address"] == "河西区紫金山路1号"  # the household's address
    assert mine["guardians"] == "金宏然（祖母/外祖母）"
    assert mine["id_number"] == "1201**********001X"
    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"

    # Full ID numbers for a supervisor who asks; refused (exit 4) for a director.
    full = tmp_path / "full.xlsx"
    code, _, err = h.as_(
        "centre", PW, "report", "register", "--unit", "河西区", "--full-id-numbers",
        "--out", str(full),
    )  # fmt: skip
    assert code == 0, err
    assert _sheet(full)[0]["id_number"] == HEXI
    refused = tmp_path / "refused.xlsx"
    code, _, _ = h.as_(
        "dir_a", PW, "report", "register", "--unit", "紫金里社区", "--full-id-numbers",
        "--out", str(refused),
    )  # fmt: skip
    assert code == 4 and not refused.exists()

    # English: relationship words in English too.
    en = tmp_path / "en.xlsx"
    code, _, err = h.as_(
        "dir_a", PW, "report", "register", "--unit", "紫金里社区", "--out", str(en), lang="en"
    )
    assert code == 0, err
    assert _sheet(en)[0]["guardians"] == "金宏然 (Grandmother)"
