"""read_capped: one reason for every way a file on disk cannot be read as an article."""

from __future__ import annotations

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest.decode import read_capped


@pytest.mark.parametrize(
    ("size", "cap", "reason"),
    [(10, 10, None), (11, 10, "file too large"), (0, 10, None)],
    ids=["at-cap", "over-cap", "empty"],
)
def test_read_capped_size(tmp_path, size, cap, reason):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * size)
    if reason is None:
        assert read_capped(path, cap) == b"x" * size
    else:
        with pytest.raises(InputError, match=reason):
            read_capped(path, cap)


def test_read_capped_unreadable(tmp_path):
    with pytest.raises(InputError, match="cannot read file"):
        read_capped(tmp_path / "missing.txt", 10)
