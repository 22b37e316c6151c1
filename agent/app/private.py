"""Call records are private to the service user: folders 0700, files such as the call index 0600.

Recordings and transcripts hold other people's voices and the principal's facts; the default umask
(often 022) would leave them readable by every local user.
"""

from __future__ import annotations

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path, *, exist_ok: bool = True, tighten: bool = False) -> Path:
    """Create `path` (and missing parents) as 0700. With `tighten`, an existing folder is made 0700 too
    (only folders that are wholly ours: never a storage root the owner chose, which may be their home)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=exist_ok)
    for created in missing:  # parents made by mkdir get the umask's mode, not `mode`
        os.chmod(created, DIR_MODE)
    if tighten and path.stat().st_mode & 0o077:
        os.chmod(path, DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Make an existing file ours alone (0600)."""
    os.chmod(path, FILE_MODE)
    return path
