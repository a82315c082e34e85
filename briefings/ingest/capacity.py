"""How many processes a large ingest uses when none are configured.

Kept apart from `parallel` so that reading the settings does not import the whole ingest.
"""

from __future__ import annotations

import os

# One process stores everything, and at about 4 ms an article it bounds what more workers
# could add; each worker holds its own ~200 MB of tables and names.
MAX_DEFAULT_WORKERS = 2


def default_workers() -> int:
    """Worker processes for a large ingest when none are configured: one per core, two at
    most, and none on a single core (the writer would compete with them)."""
    cores = os.cpu_count() or 1
    return min(MAX_DEFAULT_WORKERS, cores) if cores > 1 else 1
