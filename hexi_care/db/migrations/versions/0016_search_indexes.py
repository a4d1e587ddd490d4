"""Indexes for the children search (issue 13 speed), so a search reads the matching children
instead of testing every child of the district.

Both stores: an index on the ID number, for a search by a whole ID number.

The hub also gets, beside the models (PostgreSQL only, named in migrate.HUB_ONLY_INDEXES):
- hexi_grams(text): every single character and every pair of neighbouring characters of a
  name, and a GIN index of them on child.name. A search for 张伟 asks for the children whose
  pairs include 张伟 and checks those with the same LIKE as before; pg_trgm would need three
  characters, and most searches by name are one or two;
- pattern indexes (LIKE 'zh%') on the name's pinyin and its initials: the database's collation
  is not C, so the ordinary indexes cannot answer a LIKE;
- the ID tail reversed, so the search by an ID number's last digits (LIKE '%1234') becomes a
  prefix search;
- hexi_child_search(...): the ids of the children in the reader's scope that match, found
  through those indexes. Row-level security lets PostgreSQL use an index only for operators
  that cannot leak what they test (equality does; LIKE and array containment do not), so a
  search under the policies tests every child. The function runs as the schema's owner, reads
  through the indexes, applies the same scope as the policies (the `hexi.scope` setting) to
  what it found, and returns ids; the program's query then reads those children by id, still
  under the policies. Each search part is planned with its own values (EXECUTE), as a prefix
  LIKE needs.
SQLite stores read a laptop's few thousand children fast enough without them.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GRAMS = """
CREATE OR REPLACE FUNCTION hexi_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(t, i, n)), '{}')
  FROM generate_series(1, length(t)) AS i, (VALUES (1), (2)) AS w(n)
  WHERE i + n - 1 <= length(t)
$$
"""

HUB_INDEXES = {
    "ix_child_name_grams": "USING gin (hexi_grams(name))",
    "ix_child_pinyin_prefix": "(name_pinyin varchar_pattern_ops)",
    "ix_child_initials_prefix": "(name_initials varchar_pattern_ops)",
    "ix_child_id_tail_reversed": "(reverse(id_tail) text_pattern_ops)",
}

# The policies' rule (migration 0014), read once per query.
IN_SCOPE = (
    "((SELECT coalesce(current_setting('hexi.scope', true), '') = '*') "
    "OR community_id = ANY (CAST((SELECT string_to_array("
    "nullif(current_setting('hexi.scope', true), ''), ',')) AS text[])))"
)

# grams/name_like: a part of the name (its pairs, and the LIKE pattern that checks them);
# spelled: 'zh%' for the start of the pinyin or the initials; tail_rev: '4321%' for an ID number
# ending in 1234. A NULL part is not searched. Patterns escape with a backslash, as LIKE does.
SEARCH = f"""
CREATE OR REPLACE FUNCTION hexi_child_search(
  grams text[], name_like text, spelled text, tail_rev text
) RETURNS text[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  found text[] := '{{}}';
  more text[];
BEGIN
  IF grams IS NOT NULL AND name_like IS NOT NULL THEN
    EXECUTE $q$SELECT array_agg(id) FROM child
               WHERE hexi_grams(name) @> $1 AND name LIKE $2 AND {IN_SCOPE}$q$
      INTO more USING grams, name_like;
    found := found || coalesce(more, '{{}}');
  END IF;
  IF spelled IS NOT NULL THEN
    EXECUTE $q$SELECT array_agg(id) FROM child
               WHERE (name_initials LIKE $1 OR name_pinyin LIKE $1) AND {IN_SCOPE}$q$
      INTO more USING spelled;
    found := found || coalesce(more, '{{}}');
  END IF;
  IF tail_rev IS NOT NULL THEN
    EXECUTE $q$SELECT array_agg(id) FROM child
               WHERE reverse(id_tail) LIKE $1 AND {IN_SCOPE}$q$
      INTO more USING tail_rev;
    found := found || coalesce(more, '{{}}');
  END IF;
  RETURN found;
END
$$
"""


def upgrade() -> None:
    op.create_index("ix_child_id_number", "child", ["id_number"], unique=False)
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(GRAMS)
    for name, how in HUB_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON child {how}")
    op.execute(SEARCH)
    op.execute("REVOKE ALL ON FUNCTION hexi_child_search(text[], text, text, text) FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS hexi_child_search(text[], text, text, text)")
        for name in HUB_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute("DROP FUNCTION IF EXISTS hexi_grams(text)")
    op.drop_index("ix_child_id_number", table_name="child")
