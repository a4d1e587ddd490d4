"""The domain layer: plain objects, enums and pure rules (no SQLAlchemy, no Qt, no I/O)."""
