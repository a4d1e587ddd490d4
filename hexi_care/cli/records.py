"""What the record commands share: editing a record with the changed fields as JSON (the field
names `child show --json` prints) and showing what was saved. Reading the JSON into records is the
core's (hexi_care.services.json_input)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from hexi_care.cli.common import Cli, json_default
from hexi_care.errors import InvalidInput

#: Fields `child show --json` prints that `child edit` does not change: computed ones, and the
#: household and guardians (`household edit`, `guardian edit`).
CHILD_FIXED = {
    "community_name",
    "street_name",
    "household",
    "guardians",
    "visits",
    "followups",
    "mandatory_reports",
    "allowances",
}


def plain(value: Any) -> Any:
    """`value` as `child show --json` prints it (dates as text), to merge changes into."""
    return json.loads(json.dumps(value, default=json_default, ensure_ascii=False))


def changes_from(
    data: dict[str, Any], current_id: str | None, version: int, fixed: set[str]
) -> dict[str, Any]:
    """The fields to change. `id` may be sent back unchanged; `version`, when sent, must still be
    the record's (someone else's edit in between is not overwritten)."""
    data = dict(data)
    if "id" in data and data.pop("id") != current_id:
        raise InvalidInput("id", "read_only")
    if "version" in data and data.pop("version") != version:
        raise InvalidInput("version", "stale")
    for key in sorted(data):
        if key in fixed:
            raise InvalidInput(key, "read_only")
    return data


def show_saved(cli: Cli, shown: dict[str, Any], notices: Sequence[str] = ()) -> int:
    """What an edit prints: the saved record as JSON (with the core's warnings where the record
    has a `warnings` list), or a line saying it is saved with the warnings on standard error."""
    if cli.args.json:
        cli.emit_json({**shown, "warnings": list(notices)} if "warnings" in shown else shown)
    else:
        for text in notices:
            print(text, file=cli.err)
        cli.say("cli.record_saved", id=shown["id"])
    return 0
