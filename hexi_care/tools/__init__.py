"""Developer and setup tools (building the translations)."""
