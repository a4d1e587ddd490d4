"""Use cases: one function per thing a person does. The caller owns the unit of work."""
