"""`hexi-care settings time-zone` (issue 16): shows the store's zone, and sets it for an
administrator or centre supervisor; a director may read it but not change it; an unknown zone is
bad input (exit 5) in the user's language."""

from __future__ import annotations

import json

from hexi_care.services import settings
from hexi_care.services.context import UnitOfWork
from tests.cli.test_cli import Hexi
from tests.conftest import PW, World


def test_time_zone_is_shown_and_set_by_the_centre(world: World) -> None:
    world.admin.lock()
    h = Hexi(world.path)
    code, out, err = h.as_("dir_a", PW, "settings", "time-zone", "--json")
    assert code == 0, err
    assert json.loads(out) == {"time_zone": "Asia/Shanghai"}
    code, out, err = h.as_("centre", PW, "settings", "time-zone", "Asia/Urumqi")
    assert code == 0, err
    assert "Asia/Urumqi" in out and "时区" in out
    with UnitOfWork(world.login("dir_a")) as uow:
        assert settings.time_zone_name(uow) == "Asia/Urumqi"
        assert str(uow.zone()) == "Asia/Urumqi"
    code, out, err = h.as_("dir_a", PW, "settings", "time-zone", "Asia/Shanghai")
    assert code == 4, (code, err)
    code, out, err = h.as_("centre", PW, "settings", "time-zone", "Mars/Olympus", lang="en")
    assert code == 5 and "time zone" in err and "Mars/Olympus" in err, err
    code, out, err = h.as_("dir_a", PW, "settings", "time-zone", lang="en")
    assert code == 0 and out.strip() == "The store's time zone: Asia/Urumqi", out
