"""The engine factory gives working SQLite (file and memory) and PostgreSQL engines."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from lapor_sdk.storage import create_engine, default_database_url


def test_default_url_is_sqlite_file_under_lapor_home(tmp_path: Path) -> None:
    url = default_database_url("x.db")
    assert url == f"sqlite:///{tmp_path / 'lapor-home' / 'x.db'}"
    assert (tmp_path / "lapor-home").is_dir()


def test_environment_url_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAPOR_DATABASE_URL", "sqlite:///elsewhere.db")
    assert default_database_url() == "sqlite:///elsewhere.db"


def test_sqlite_file_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'a.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_memory_database_is_shared_between_connections() -> None:
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")
    with engine.connect() as other:
        assert other.execute(sa.text("SELECT x FROM t")).scalar() == 1


@pytest.mark.postgres
def test_postgres_url_uses_psycopg() -> None:
    url = os.environ.get("LAPOR_TEST_DATABASE_URL")
    if not url:
        pytest.skip("LAPOR_TEST_DATABASE_URL is not set")
    engine = create_engine(url)
    assert engine.dialect.driver == "psycopg"
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT 1")).scalar() == 1
    engine.dispose()
