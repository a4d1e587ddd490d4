"""Fuzz the enrolment and recovery file readers: a laptop's request, the centre's reply and card,
a recovery request and a recovery answer."""

from __future__ import annotations

import atheris

with atheris.instrument_imports():
    from common import as_file, run

    from hexi_care.services import recovery
    from hexi_care.sync import enrol


def target(data: bytes) -> None:
    if not data:
        return
    mode, rest = data[0] % 5, data[1:]
    path = as_file(rest)
    if mode == 0:
        c = enrol._read(path, enrol.REQUEST_FORMAT)
        enrol._self_signed(c, "device_id")
    elif mode == 1:
        c = enrol._read(path, enrol.REPLY_FORMAT)
        enrol._self_signed(c, "sender")
    elif mode == 2:
        enrol.read_card(path, "1234 5678 9012 3456 7890 1234")
    elif mode == 3:
        recovery._read_request(path)
    else:
        recovery.read_answer(path)


if __name__ == "__main__":
    run(target)
