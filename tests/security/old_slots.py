"""A centre recovery slot as the first version wrote it, for the tests of what reports it."""

from __future__ import annotations

import base64
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from hexi_care.db.keys import HPKE_SUITE, Slot, edit_slots


def old_format_centre_slot(store_path: Path, data_key: bytes, public: Path) -> None:
    """The centre slot as the first version wrote it: the bare data key, no identity, no public
    key kept beside it."""
    centre_public = serialization.load_pem_public_key(public.read_bytes())
    assert isinstance(centre_public, X25519PublicKey)
    with edit_slots(store_path) as slots:
        sealed = HPKE_SUITE.encrypt(data_key, centre_public, info=slots.centre_info())
        slots.slots = [s for s in slots.slots if s.id != "recovery-centre"]
        slots.slots.append(
            Slot(
                id="recovery-centre",
                kind="recovery_hpke",
                wrapped=base64.b64encode(sealed).decode(),
                created=1.0,
            )
        )
