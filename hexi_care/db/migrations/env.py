"""Alembic environment: always run on a connection the store hands in (keyed SQLCipher)."""

from alembic import context

from hexi_care.db import models

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=models.load_all(),
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
