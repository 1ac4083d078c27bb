"""CLI commands (filled in by their feature)."""
