"""Item 8: the model docs/security.md states, shown by attack: everyone on one store shares its
data key, so a director who extracts the key from their own slot reads another community's
children outside the program. Scope is an application control on a shared store; the document
must say so, with what a thief, a removed user and an insider get."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from hexi_care.db.engine import _key_pragma
from tests.conftest import World, add_child

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def test_a_director_reads_other_communities_with_their_own_key(world: World) -> None:
    add_child(world.login("dir_b"), world.community_b, name="别的社区的孩子")
    director = world.login("dir_a")
    key = director.data_key  # what their own password unwraps
    director.lock()
    conn = sqlcipher3.connect(str(world.path))
    conn.execute(_key_pragma(key))
    names = [
        r[0]
        for r in conn.execute("SELECT name FROM child WHERE community_id = ?", (world.community_b,))
    ]
    conn.close()
    assert names == ["别的社区的孩子"]
    text = DOC.read_text("utf-8")
    for claim in (
        "shares its data key",
        "application control",
        "laptop per community",
        "What a thief with the laptop gets",
        "What a removed user keeps",
        "What the centre can detect",
        "can** hide",
    ):
        assert claim in text, claim
