"""Alembic environment: always run on a connection the store hands in (keyed SQLCipher)."""

from alembic import context

from hexi_care.db import migrate, models

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=models.load_all(),
    render_as_batch=True,
    compare_type=True,
    include_object=migrate.include_object,
)
with context.begin_transaction():
    context.run_migrations()
