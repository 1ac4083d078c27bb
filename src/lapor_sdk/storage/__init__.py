"""Storage: SQLAlchemy Core on SQLite (embedded default) or PostgreSQL.

:class:`ComplaintStore` is the agency's own complaint register (``lapor_complaints``).
"""

from ._complaints import ComplaintStore as ComplaintStore
from ._engine import create_engine as create_engine
from ._engine import default_database_url as default_database_url
from ._sync import SYNC_SCHEMA_VERSION as SYNC_SCHEMA_VERSION
from ._sync import SyncSchemaError as SyncSchemaError
from ._sync import migrate_sync_schema as migrate_sync_schema

__all__ = [
    "SYNC_SCHEMA_VERSION",
    "ComplaintStore",
    "SyncSchemaError",
    "create_engine",
    "default_database_url",
    "migrate_sync_schema",
]
