"""Regressions from fuzzing the readers (issue 12, item 11; harnesses in fuzz/): whatever bytes or
JSON arrive, a reader gives back what it read or refuses with the program's own problem (a sentence
for the user), never another exception. The crashes fuzzing found are kept as explicit examples."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hexi_care.db.keys import SLOT_FILE_FORMAT, KeySlots
from hexi_care.db.store import read_backup
from hexi_care.errors import HexiError, StoreDamaged
from hexi_care.services import recovery
from hexi_care.sync import container
from hexi_care.sync import payload as pl

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
SLOT_FIELDS = st.sampled_from(
    ["id", "kind", "wrapped", "nonce", "salt", "kdf", "created", "public", "sealed", "cre!ted"]
)
SLOT = st.dictionaries(SLOT_FIELDS, JSON, max_size=6)
FILE = st.fixed_dictionaries(
    {
        "format": st.just(SLOT_FILE_FORMAT) | st.text(max_size=5),
        "store_id": st.text(max_size=8) | st.integers(),
        "name_salt": st.just("AAAA") | JSON,
        "slots": st.lists(SLOT, max_size=3) | JSON,
    }
)
FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FAST
@given(raw=FILE | JSON)
@example(  # found by fuzz_backup: a slot with a field the program does not know
    raw={
        "format": SLOT_FILE_FORMAT,
        "store_id": "s",
        "name_salt": "AAAA",
        "slots": [{"cre!ted": 1}],
    }
)
@example(
    raw={
        "format": SLOT_FILE_FORMAT,
        "store_id": "s",
        "name_salt": "AAAA",
        "slots": [{"id": "x", "kind": "password", "wrapped": "", "kdf": {"nope": 1}}],
    }
)
def test_a_slot_file_is_read_or_refused_as_damaged(tmp_path: Path, raw: object) -> None:
    path = tmp_path / "store.hexi.keys"
    path.write_text(json.dumps(raw), "utf-8")
    try:
        slots = KeySlots.load(path)
    except StoreDamaged:
        return
    assert isinstance(slots.store_id, str)
    for slot in slots.slots:
        assert isinstance(slot.id, str) and isinstance(slot.kind, str)


@FAST
@given(data=st.binary(max_size=300))
@example(data=b"HEXI-CARE-BACKUP\x01" + (5).to_bytes(8, "big") + b"[1,2]")
def test_a_backup_head_is_read_or_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "x.hexibak"
    path.write_bytes(data)
    try:
        slots, offset = read_backup(path)
    except HexiError:
        return
    assert offset == len(slots) + 25


@FAST
@given(raw=JSON)
@example(raw={"format": recovery.ANSWER_FORMAT, "sealed": 5})  # would have been a TypeError
@example(raw=["not", "an", "object"])  # would have been an AttributeError
def test_a_recovery_answer_is_read_or_refused(tmp_path: Path, raw: object) -> None:
    path = tmp_path / "answer.json"
    path.write_text(json.dumps(raw), "utf-8")
    try:
        ans, sealed = recovery.read_answer(path)
    except HexiError:
        return
    assert isinstance(ans, dict) and isinstance(sealed, bytes)


@FAST
@given(data=st.binary(max_size=400))
def test_package_bytes_are_read_or_refused(data: bytes) -> None:
    for attempt in (
        lambda: container.decode(container.MAGIC + data),
        lambda: pl.decode_content(data),
        lambda: pl.decode_content(pl.inflate([data], 1 << 16)),
    ):
        with contextlib.suppress(HexiError):
            attempt()


FUZZ = Path(__file__).parents[2] / "fuzz"

# Runs in a process of its own: importing a harness instruments modules for atheris, and
# instrumented code must not run in this process's other tests (the window's worker thread).
SEED_RUN = """
import contextlib, importlib, sys
from pathlib import Path
from hexi_care.errors import HexiError
harness = importlib.import_module("fuzz_" + sys.argv[1])
seeds = sorted(Path("corpus", sys.argv[1]).iterdir())
for seed in seeds:
    with contextlib.suppress(HexiError):
        harness.target(seed.read_bytes())
print(len(seeds))
"""


# The JSON harness needs a store; its inputs are covered by the CLI tests.
@pytest.mark.parametrize("harness", ["package", "backup", "enrol"])
def test_every_seed_is_read_by_its_harness_without_a_crash(harness: str) -> None:
    """The seeds are real files: their readers accept them (or refuse them with a message)."""
    pytest.importorskip("atheris")  # the harnesses import it (pip install -e '.[fuzz]')
    done = subprocess.run(
        [sys.executable, "-c", SEED_RUN, harness],
        cwd=FUZZ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.split()[-1]) == len(list((FUZZ / "corpus" / harness).iterdir())) > 0
