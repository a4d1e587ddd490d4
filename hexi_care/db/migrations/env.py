"""Alembic environment: always run on a connection the store hands in (keyed SQLCipher)."""

from alembic import context

import hexi_care.db.sync_models  # noqa: F401  (exchange tables)
from hexi_care.db import models  # noqa: F401  (registers the tables)
from hexi_care.db.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
