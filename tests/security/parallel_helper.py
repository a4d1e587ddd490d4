"""Run by the throttle attack test in several processes at once: wait for the common start time,
then make one attempt, and print what happened as one JSON line."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from hexi_care.db import store as store_mod
from hexi_care.errors import AuthFailed, AuthThrottled, StoreLocked
from tests import cheap_kdf


def main() -> None:
    cheap_kdf.install()
    mode, path, user, password, start = sys.argv[1:6]
    time.sleep(max(0.0, float(start) - time.time()))
    outcome = "ok"
    try:
        if mode == "guess":
            store_mod.unlock(Path(path), user, password).lock()
        else:  # "slot": add a key slot for a user of our own
            store = store_mod.unlock(Path(path), "admin", password)
            store_mod.set_password(store, user, "extra-user-pass-1")
            store.lock()
    except AuthThrottled:
        outcome = "throttled"
    except StoreLocked:  # the user's problem ("in use, try again"), said as such
        outcome = "busy"
    except AuthFailed:
        outcome = "failed"
    except Exception as exc:  # what the attack found on main: crashes
        outcome = f"crash:{type(exc).__name__}"
    print(json.dumps({"outcome": outcome}), flush=True)


if __name__ == "__main__":
    main()
