"""Task tables read from a PDF in the plan's own column order: the Library answers "what must X do"."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from chidao.library import Library

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))
from test_pdf_tables import FONT_FILE, TASK_HEADER, TASKS, WIDTHS, _pdf, _table  # noqa: E402

pytestmark = pytest.mark.skipif(not FONT_FILE.exists(), reason="DejaVu fonts (fonts-dejavu-core) missing")


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_task_table_row_gives_unit_task_and_deadline(tmp_path: Path, ruled: bool):
    """STT | Nội dung | Chủ trì | Phối hợp | Thời gian in the PDF: the row is Tỉnh đoàn's, with its date."""
    folder = tmp_path / "docs"
    folder.mkdir()
    _pdf(folder / "phu-luc-phan-cong.pdf", _table([TASK_HEADER, *TASKS], WIDTHS, ruled=ruled))
    lib = Library.open(tmp_path / "store")
    try:
        assert lib.ingest([folder]).ok
        found = [(c.hit.unit.label, c.deadline) for c in lib.tasks("Tỉnh đoàn")]
        assert found == [("Phụ lục.2", "trước ngày 30/6/2024")]
        # A co-operating unit (phối hợp) sees the row too, weighted below the units that lead a task.
        assert [(c.hit.unit.label, c.hit.score) for c in lib.tasks("Hội Nông dân tỉnh")] == [
            ("Phụ lục.2", 0.5)
        ]
    finally:
        lib.close()
