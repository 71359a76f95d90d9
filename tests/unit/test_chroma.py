"""rag.chroma: vector files cut short are found by their sizes, before Chroma reads them."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from rag.chroma import _torn_segment

pytestmark = pytest.mark.unit

COUNT, PER_ELEMENT = 10, 4 * 384 + 140  # elements, bytes per element of a 384-d index


def _segment(folder: Path, version: int = 1, **sizes: int) -> Path:
    """Vector files as Chroma's hnswlib writes them, with ``sizes`` overriding theirs."""
    folder.mkdir()
    header = struct.pack("<iQQQQ", version, 0, 16, COUNT, PER_ELEMENT).ljust(100, b"\0")
    files = {"header.bin": header, "data_level0.bin": b"\1" * COUNT * PER_ELEMENT,
             "length.bin": b"\1" * COUNT * 4, "link_lists.bin": b"\1" * COUNT * 8}
    for name, data in files.items():
        size = sizes.get(name.replace(".bin", ""), len(data))
        (folder / name).write_bytes(data[:size])
    return folder


def test_whole_files_are_sound(tmp_path: Path) -> None:
    assert _torn_segment(_segment(tmp_path / "s"), 384) is None
    assert _torn_segment(tmp_path / "never-written", 384) is None


@pytest.mark.parametrize(("cut", "said"), [
    ({"data_level0": 0}, "data_level0.bin is cut short"),
    ({"data_level0": (COUNT - 1) * PER_ELEMENT}, "data_level0.bin is cut short"),  # whole records
    ({"length": 0}, "length.bin is cut short"),
    ({"link_lists": COUNT * 2}, "link_lists.bin is cut short"),
    ({"header": 0}, "header.bin is cut short"),
    ({"header": 10}, "header.bin is cut short"),
    ({"header": 50}, "header.bin is cut short"),  # its fields are whole, the rest is gone
])
def test_a_file_cut_short_is_named(tmp_path: Path, cut: dict[str, int], said: str) -> None:
    assert _torn_segment(_segment(tmp_path / "s", **cut), 384) == said


def test_a_missing_file_and_a_header_of_nonsense_are_damage(tmp_path: Path) -> None:
    (_segment(tmp_path / "a") / "length.bin").unlink()
    assert _torn_segment(tmp_path / "a", 384) == "length.bin is missing"
    assert _torn_segment(_segment(tmp_path / "b"), 10_000) == "header.bin is damaged"  # too few bytes


def test_another_layout_is_not_checked(tmp_path: Path) -> None:
    assert _torn_segment(_segment(tmp_path / "s", version=2, data_level0=0), 384) is None
