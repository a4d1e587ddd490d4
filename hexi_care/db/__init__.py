"""The encrypted store: SQLAlchemy models, the SQLCipher engine, key slots, scope, audit, migrations."""
