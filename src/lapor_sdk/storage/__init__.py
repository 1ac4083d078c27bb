"""Storage: SQLAlchemy Core on SQLite (embedded default) or PostgreSQL."""

from ._engine import create_engine as create_engine
from ._engine import default_database_url as default_database_url

__all__ = ["create_engine", "default_database_url"]
