"""What the bench scripts share: reading a gold JSON Lines file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["load_jsonl"]


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every record of a JSON Lines file, blank lines skipped."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
