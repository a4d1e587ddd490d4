"""The same Alembic migrations on PostgreSQL: from nothing to the models exactly, down to nothing
and up again."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from hexi_care.db import hub, migrate
from hexi_care.db.models import load_all
from tests.pgcluster import Cluster


def test_models_match_migrations_on_postgresql(pg_cluster: Cluster) -> None:
    pg_cluster.create_database("migrations")
    engine = hub.make_hub_engine(pg_cluster.url("migrations"), pool_size=1)
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"include_object": migrate.include_object}),
                load_all(),
            )
        assert diff == []
        with engine.connect() as conn:
            indexes = set(
                conn.scalars(
                    text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
                )
            )
        in_models = {i.name for t in load_all().sorted_tables for i in t.indexes}
        assert {i for i in indexes if i.startswith("ix_")} - in_models == migrate.HUB_ONLY_INDEXES
        assert migrate.current_revision(engine) == migrate.head_revision()
        assert hub.missing_policies(engine) == []
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), "base")
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        assert hub.missing_policies(engine) == []
    finally:
        engine.dispose()
        pg_cluster.psql('DROP DATABASE "migrations" WITH (FORCE)')
