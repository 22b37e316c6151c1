"""The call index in SQLite through aiosqlite, on the services loop; one row per call, one per transcript line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

import aiosqlite

from agent.app.private import private_dir, private_file

_SCHEMA = """
CREATE TABLE IF NOT EXISTS calls (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    destination TEXT NOT NULL,
    party TEXT NOT NULL,
    goal TEXT NOT NULL,
    folder TEXT NOT NULL,
    outcome TEXT,
    reason TEXT,
    details TEXT,
    duration_s REAL
);
CREATE TABLE IF NOT EXISTS lines (
    call_id TEXT NOT NULL REFERENCES calls(id),
    t REAL NOT NULL,
    speaker TEXT NOT NULL,
    text TEXT NOT NULL
);
"""


class CallStore(Protocol):
    """Keeps the record of every call."""

    async def start_call(self, call_id: str, started_at: str, destination: str, party: str, goal: str,
                         folder: str) -> None: ...

    async def add_line(self, call_id: str, t: float, speaker: str, text: str) -> None: ...

    async def finish_call(self, call_id: str, outcome: str, reason: str, details: dict[str, str],
                          duration_s: float) -> None: ...


class SqliteCallStore:
    """aiosqlite; every write is committed at once so a crash loses nothing already said."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: aiosqlite.Connection | None = None

    async def open(self) -> None:
        """Create the file and tables if needed."""
        private_dir(self.path.parent)
        self._db = await aiosqlite.connect(self.path)
        private_file(self.path)
        await self._db.executescript(_SCHEMA)
        await self._db.commit()

    async def close(self) -> None:
        """Close the connection."""
        if self._db is not None:
            await self._db.close()
            self._db = None

    async def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        assert self._db is not None, "store not opened"
        await self._db.execute(sql, params)
        await self._db.commit()

    async def start_call(self, call_id: str, started_at: str, destination: str, party: str, goal: str,
                         folder: str) -> None:
        """Insert the call row."""
        await self._write(
            "INSERT INTO calls (id, started_at, destination, party, goal, folder) VALUES (?, ?, ?, ?, ?, ?)",
            (call_id, started_at, destination, party, goal, folder),
        )

    async def add_line(self, call_id: str, t: float, speaker: str, text: str) -> None:
        """Append a transcript line."""
        await self._write("INSERT INTO lines (call_id, t, speaker, text) VALUES (?, ?, ?, ?)",
                          (call_id, t, speaker, text))

    async def finish_call(self, call_id: str, outcome: str, reason: str, details: dict[str, str],
                          duration_s: float) -> None:
        """Record how the call ended."""
        await self._write(
            "UPDATE calls SET outcome = ?, reason = ?, details = ?, duration_s = ? WHERE id = ?",
            (outcome, reason, json.dumps(details), duration_s, call_id),
        )

    async def recent(self, limit: int = 20) -> list[tuple[Any, ...]]:
        """The latest calls, newest first."""
        assert self._db is not None
        async with self._db.execute(
            "SELECT id, started_at, destination, outcome, duration_s FROM calls ORDER BY started_at DESC LIMIT ?",
            (limit,),
        ) as cursor:
            return [tuple(row) for row in await cursor.fetchall()]
