"""Made-up ledgers in the shape communities keep them (title, filler line, local column names,
mixed date forms, siblings sharing a household, 合计 and notes), for the benchmark, the window's
screenshots and trying the import. Names and ID numbers are invented; check characters are real."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from hexi_care.domain import idnumber

HEADER = (
    "序号",
    "姓名",
    "公民身份号码",
    "性别",
    "出生年月",
    "所属街道",
    "社区(村)",
    "儿童类别",
    "监护人姓名",
    "与儿童关系",
    "联系电话",
    "现住址",
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "子涵浩宇欣怡梓轩雨泽佳琪思远一诺若曦明轩晨阳嘉怡俊杰诗涵博文可馨天佑"
CATEGORIES = (
    "散居孤儿",
    "事实无人抚养儿童",
    "困境儿童（重病重残）",
    "困境儿童（贫困家庭）",
    "留守儿童",
    "困境儿童（监护缺失或不当）",
)
RELATIONS = (
    ("祖父", "爷爷"),
    ("祖母", "奶奶"),
    ("母亲",),
    ("父亲",),
    ("外祖母", "姥姥"),
    ("叔叔",),
)


def id_number(birth: date, seq: int, male: bool, area: str = "120103") -> str:
    body = f"{area}{birth:%Y%m%d}{(seq * 2 + (1 if male else 0)) % 1000:03d}"
    return body + idnumber.check_char(body)


def ledger_rows(
    n: int, communities: list[tuple[str, str]], *, seed: int = 1, today: date | None = None
) -> list[tuple[object, ...]]:
    """`n` children (street, community) spread over `communities`; about a third are siblings."""
    rng = random.Random(seed)
    today = today or date(2026, 11, 1)
    rows: list[tuple[object, ...]] = []
    seq = 0
    while len(rows) < n:
        street, community = communities[len(rows) % len(communities)]
        surname = rng.choice(SURNAMES)
        guardian = surname + rng.choice("建国秀兰桂英志强玉梅德福")
        relation = rng.choice(RELATIONS)
        phone = f"13{rng.randint(100000000, 999999999)}"
        address = (
            f"{community}{rng.randint(1, 60)}号楼{rng.randint(1, 6)}门{rng.randint(101, 1802)}"
        )
        for _ in range(1 if rng.random() < 0.7 else 2):
            if len(rows) >= n:
                break
            seq += 1
            birth = today - timedelta(days=rng.randint(365, 17 * 365))
            male = rng.random() < 0.5
            number = id_number(birth, seq, male)
            forms: list[object] = [
                datetime(birth.year, birth.month, birth.day),
                f"{birth.year}.{birth.month}.{birth.day}",
                f"{birth.year}年{birth.month}月{birth.day}日",
                f"{birth:%Y%m%d}",
                birth.isoformat(),
            ]
            rows.append(
                (
                    len(rows) + 1,
                    surname + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else ""),
                    number.lower() if rng.random() < 0.05 else number,
                    "男" if male else "女",
                    rng.choice(forms),
                    street,
                    community,
                    rng.choice(CATEGORIES),
                    guardian,
                    rng.choice(relation),
                    phone,
                    address,
                )
            )
    return rows


def write_ledger(path: Path, rows: list[tuple[object, ...]], *, title: str = "") -> Path:
    """An .xlsx with a merged title, a filler line, the header on row 3, the rows, 合计 and notes."""
    from openpyxl import Workbook

    book = Workbook(write_only=False)
    ws = book.active
    assert ws is not None
    ws.title = "儿童台账"
    ws.append([title or "河西区困境儿童和留守儿童信息台账"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(["填报单位：（盖章）", None, None, None, None, None, "填报日期：2026年11月"])
    ws.append(list(HEADER))
    for r in rows:
        ws.append(list(r))
    ws.append([])
    ws.append(["合计", f"{len(rows)}人"])
    ws.append(["注：1. 身份证号请设置为文本格式；2. 儿童类别按区民政局口径填写。"])
    ws.append(["填表人：", None, None, "审核人："])
    book.save(path)
    return path
