"""A small real store for answer tests: a numbered plan, a guide implementing it, a task-table dispatch.

The three documents are invented (tỉnh Hải Lâm, as in the eval set); they are written into a temporary
folder and ingested through the Library once per session.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chidao.library import Library

PLAN_ID = "ke-hoach-09-kh-tu-2024.txt"
GUIDE_ID = "huong-dan-05-hd-btgtu-2024.txt"
DISPATCH_ID = "cong-van-120-cv-tu-2024.txt"

PLAN = """\
       TỈNH ỦY HẢI LÂM                              ĐẢNG CỘNG SẢN VIỆT NAM
              *
       Số 09-KH/TU                          Hải Lâm, ngày 10 tháng 3 năm 2024

                                 KẾ HOẠCH
       thực hiện công tác dân vận chính quyền năm 2024
                                    -----

Căn cứ Quyết định số 217-QĐ/TW ngày 12/12/2013 của Bộ Chính trị về giám sát và phản biện xã hội, \
Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện công tác dân vận chính quyền năm 2024 như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Nâng cao chất lượng công tác dân vận của cơ quan nhà nước, xây dựng chính quyền gần dân, trọng dân.

II. NHIỆM VỤ

1. Tổ chức đối thoại giữa người đứng đầu cấp ủy với thanh niên về khởi nghiệp tại các xã vùng biển.

2. Xây dựng 200 căn nhà Đại đoàn kết cho hộ nghèo ở huyện Vân Khê, hoàn thành trong năm 2024.

III. TỔ CHỨC THỰC HIỆN

1. Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Ban Nội chính Tỉnh ủy hướng dẫn, kiểm tra việc thực hiện \
Kế hoạch; tổng hợp, báo cáo Ban Thường vụ Tỉnh ủy trong quý IV/2024.

2. Ban Thường vụ Tỉnh đoàn tổ chức diễn đàn "Thanh niên với chính quyền" ở 100% huyện, thị xã, thành phố, \
hoàn thành trước ngày 26/3/2024.

3. Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh chỉ đạo Mặt trận các cấp giám sát việc tiếp công dân \
của người đứng đầu; định kỳ 6 tháng báo cáo kết quả.

4. Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy xây dựng kế hoạch thực hiện, gửi về Ban Dân \
vận Tỉnh ủy trước ngày 15/4/2024.

5. Ban Tuyên giáo Tỉnh ủy chỉ đạo Báo Hải Lâm, Đài Phát thanh và Truyền hình tỉnh mở chuyên mục \
"Dân vận khéo", đăng tải hằng tuần.

Nơi nhận:
- Ban Dân vận Trung ương (b/c),
- Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy,
- Các ban đảng, Văn phòng Tỉnh ủy,
- Sở Thông tin và Truyền thông,
- Lưu Văn phòng Tỉnh ủy.

                                                  T/M BAN THƯỜNG VỤ
                                                     PHÓ BÍ THƯ

                                                   Trần Văn Mẫu
"""

GUIDE = """\
       TỈNH ỦY HẢI LÂM                              ĐẢNG CỘNG SẢN VIỆT NAM
        BAN TUYÊN GIÁO
              *
       Số 05-HD/BTGTU                       Hải Lâm, ngày 20 tháng 3 năm 2024

                                 HƯỚNG DẪN
      tuyên truyền Kế hoạch số 09-KH/TU ngày 10/3/2024 của Ban Thường vụ Tỉnh ủy
                                    -----

Thực hiện Kế hoạch số 09-KH/TU ngày 10/3/2024 của Ban Thường vụ Tỉnh ủy về công tác dân vận chính quyền \
năm 2024, Ban Tuyên giáo Tỉnh ủy hướng dẫn tuyên truyền như sau:

1. Ban tuyên giáo các huyện ủy, thị ủy, thành ủy biên soạn tài liệu hỏi - đáp về dân vận chính quyền, \
báo cáo kết quả trước ngày 20 hằng tháng.

2. Sở Thông tin và Truyền thông chỉ đạo hệ thống loa truyền thanh cơ sở phát tin về gương cán bộ \
gần dân, mỗi tuần ít nhất một lần.

Nơi nhận:
- Như trên,
- Lưu BTGTU.

                                                  K/T TRƯỞNG BAN
                                                   PHÓ TRƯỞNG BAN

                                                   Lê Thị Minh Họa
"""

DISPATCH = """\
       TỈNH ỦY HẢI LÂM                              ĐẢNG CỘNG SẢN VIỆT NAM
              *
       Số 120-CV/TU                         Hải Lâm, ngày 02 tháng 4 năm 2024
   V/v phân công thực hiện Kế hoạch số 09-KH/TU

Kính gửi:
- Ban Dân vận Tỉnh ủy,
- Tỉnh đoàn,
- Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh.

Để thực hiện Kế hoạch số 09-KH/TU ngày 10/3/2024, Ban Thường vụ Tỉnh ủy phân công như sau:

STT | Đơn vị | Nhiệm vụ | Thời hạn
1 | Ban Dân vận Tỉnh ủy | Tập huấn công tác dân vận chính quyền cho cán bộ cấp xã | Trước ngày 30/5/2024
2 | Tỉnh đoàn | Phát động phong trào tình nguyện xây dựng đường giao thông nông thôn | Quý III/2024
3 | Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh | Vận động quỹ "Vì người nghèo" hỗ trợ làm nhà | Thường xuyên

Đề nghị các đơn vị triển khai thực hiện.

Nơi nhận:
- Như trên,
- Lưu Văn phòng Tỉnh ủy.

                                                  T/M BAN THƯỜNG VỤ
                                                     PHÓ BÍ THƯ

                                                   Trần Văn Mẫu
"""


@pytest.fixture(scope="session")
def plan_store(tmp_path_factory) -> Path:
    """A store holding the plan, the guide and the dispatch (built once; do not modify it)."""
    from chidao.library import Library

    folder = tmp_path_factory.mktemp("plan-docs")
    for name, text in ((PLAN_ID, PLAN), (GUIDE_ID, GUIDE), (DISPATCH_ID, DISPATCH)):
        (folder / name).write_text(text, encoding="utf-8")
    store = tmp_path_factory.mktemp("plan-store")
    lib = Library.open(store)
    report = lib.ingest([folder])
    assert report.ok, report.failed
    lib.close()
    return store


def library_of(factory: pytest.TempPathFactory, name: str, files: dict[str, str]) -> Library:
    """A real library of the given documents (file name → text), ingested into a fresh store."""
    folder = factory.mktemp(name)
    for file_name, text in files.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    lib = Library.open(factory.mktemp(f"{name}-store"))
    assert lib.ingest([folder]).ok
    return lib
