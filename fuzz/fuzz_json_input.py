"""Fuzz the child and visit JSON the command line reads (`child add`, `child edit`, `visit add`):
parsing, every field's validation, guardians and situations."""

from __future__ import annotations

import json
import sys

import atheris

with atheris.instrument_imports():
    from common import run

    from hexi_care.services.json_input import child_from_json, guardians_from_json
    from hexi_care.services.visits import visit_from_dict

UOW = None


def target(data: bytes) -> None:
    try:
        value = json.loads(data.decode("utf-8", "replace"))
    except ValueError:
        return
    guardians_from_json(value.get("guardians") if isinstance(value, dict) else value)
    if not isinstance(value, dict):
        return
    visit_from_dict(value, "00000000-0000-0000-0000-000000000001")
    child_from_json(UOW, value)


def main() -> None:
    global UOW
    from store import open_uow

    UOW = open_uow()
    run(target)


if __name__ == "__main__":
    sys.exit(main())
