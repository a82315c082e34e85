"""The seed corpus shipped with Attaché: what a new user's database starts with."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def seed_directory() -> Path:
    """The seed articles: packaged inside the wheel, or the checkout's `seeds/` folder."""
    packaged = Path(str(files("briefings"))) / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds"
