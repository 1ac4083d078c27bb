"""Storage: SQLAlchemy Core on SQLite (embedded default) or PostgreSQL.

:class:`ComplaintStore` is the agency's own complaint register (``lapor_complaints``).
"""

from ._complaints import ComplaintStore as ComplaintStore
from ._engine import create_engine as create_engine
from ._engine import default_database_url as default_database_url

__all__ = ["ComplaintStore", "create_engine", "default_database_url"]
