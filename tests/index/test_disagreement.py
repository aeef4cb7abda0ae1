"""When lexical search finds only a question's framing words, dense search is not outweighed."""

from __future__ import annotations

import pytest

from chidao.library import Library
from tests.conftest import TEST_DATA

# Real articles (Bộ luật Dân sự 2015: gia cầm bị thất lạc, di chúc; Luật Giáo dục 2019: nhà trường).
EXCERPT = TEST_DATA / "trich-luat-gia-cam-di-chuc-nha-truong.txt"


@pytest.fixture(scope="module")
def excerpt_lib(tmp_path_factory) -> Library:
    lib = Library.open(tmp_path_factory.mktemp("excerpt-store"))
    assert lib.ingest([EXCERPT]).ok
    return lib


def test_an_everyday_paraphrase_found_by_dense_alone_comes_first(excerpt_lib):
    # "Gà, vịt … đi lạc" shares no word with "gia cầm bị thất lạc"; lexically the question matches
    # only "nhà", "người", "quy định" (an investor's duties in a school, a will's effect).
    hits = excerpt_lib.search(
        "Gà, vịt nếu đi lạc vào nhà ai thì của nhà người đó được quy định như thế nào?", k=3
    )
    assert [h.unit.label for h in hits[:2]] == ["Điều 232.2", "Điều 232.1"]
