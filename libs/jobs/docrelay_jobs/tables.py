"""The jobs tables as SQLAlchemy models, and the engine every process opens them with."""

import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from docrelay_common.constants import OutputMode

# Tries at switching a SQLite file to WAL, 50 ms apart.
WAL_ATTEMPTS = 100


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True), dict[str, Any]: JSON}


class JobRow(Base):
    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # Who may see the job: a hash of the API key that created it; None when keys are off.
    owner: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    stage: Mapped[str | None] = mapped_column(String(16))
    progress: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(String(2000))
    error_stage: Mapped[str | None] = mapped_column(String(16))
    pages: Mapped[int | None] = mapped_column(Integer)
    source_lang: Mapped[str | None] = mapped_column(String(16))
    target_lang: Mapped[str] = mapped_column(String(16))
    tone: Mapped[str] = mapped_column(String(16))
    engine: Mapped[str | None] = mapped_column(String(32))
    # The hops of the translation, e.g. ["apertium:fr-es", "apertium:es-en"].
    engine_path: Mapped[list[str] | None] = mapped_column(JSON)
    # Blocks translated from (or kept in) a language other than the document's, by language.
    other_language_blocks: Mapped[dict[str, int] | None] = mapped_column(JSON)
    output: Mapped[str] = mapped_column(String(16), default=OutputMode.TRANSLATED.value)
    # 1-based numbers of the pages kept as they are because they have no text layer (scans, images).
    pages_without_text: Mapped[list[int] | None] = mapped_column(JSON)
    notices: Mapped[list[str] | None] = mapped_column(JSON)
    # OCR: the job's `ocr` option as "mode", then what the extractor's OCR did ("pages", "seconds",
    # "low_confidence_blocks"); one JSON column rather than a column per fact.
    ocr: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Table cells passed through untranslated because they are data (numbers, dates, codes, names).
    cells_kept_verbatim: Mapped[int | None] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    size_bytes: Mapped[int] = mapped_column(Integer)
    callback_url: Mapped[str | None] = mapped_column(String(2000))
    webhook_status: Mapped[str | None] = mapped_column(String(16))
    webhook_attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(index=True)


class StageRow(Base):
    __tablename__ = "job_stages"

    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    stage: Mapped[str] = mapped_column(String(16), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str | None] = mapped_column(String(255))
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(String(2000))
    started_at: Mapped[datetime | None]
    # Indexed: the ETA's pace is fitted on the latest finished stages, read every few seconds.
    finished_at: Mapped[datetime | None] = mapped_column(index=True)
    # When `done` last grew (the ETA reckons the time since as work on pages not yet reported).
    progressed_at: Mapped[datetime | None]


# Connections a process keeps open to the SQLite file: one per request thread that may use it at once, so
# that a burst of requests does not open (and set up) a new connection each and close it again.
SQLITE_POOL_SIZE = 20


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for a server database or one in memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def create_db_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        # A file cannot drop a connection the way a server can: no ping before each use.
        engine = create_engine(url, pool_size=SQLITE_POOL_SIZE)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        # Several processes share the file: WAL lets readers and the one writer proceed together.
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA busy_timeout=10000")
            _use_wal(cursor)
            # In WAL mode, NORMAL syncs at checkpoints rather than at every commit: a commit survives a
            # crash of the process but maybe not a power cut (the last second, as Redis's everysec).
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    return engine


def _use_wal(cursor: Any) -> None:
    # Two processes opening a new file at once both switch it to WAL; SQLite fails one of them at once
    # instead of calling the busy handler (each holds a lock the other needs), so that one tries again.
    for attempt in range(WAL_ATTEMPTS):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_BUSY or attempt == WAL_ATTEMPTS - 1:
                raise
            time.sleep(0.05)
