"""Builds corpus/ke-hoach-27-kh-btgdvtu-2025.docx (held-out set). Run with /work/main/.venv/bin/python."""

from pathlib import Path
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt, Cm

OUT = Path(__file__).parent / "corpus" / "ke-hoach-27-kh-btgdvtu-2025.docx"

doc = Document()
st = doc.styles["Normal"]
st.font.name = "Times New Roman"
st.font.size = Pt(13)

hdr = doc.add_table(rows=3, cols=2)
cells = [
    ("TỈNH ỦY BÌNH SƠN\nBAN TUYÊN GIÁO VÀ DÂN VẬN", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ("*", ""),
    ("Số 27-KH/BTGDVTU", "Bình Sơn, ngày 03 tháng 9 năm 2025"),
]
for r, (a, b) in enumerate(cells):
    hdr.cell(r, 0).text = a
    hdr.cell(r, 1).text = b
    for c in (0, 1):
        for p in hdr.cell(r, c).paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def para(text, bold=False, center=False, italic=False):
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    run.italic = italic
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


para("KẾ HOẠCH", bold=True, center=True)
para(
    'tuyên truyền thực hiện Chỉ thị số 08-CT/TU ngày 15/8/2025 của Ban Thường vụ Tỉnh ủy về đẩy mạnh phong trào "Bình Sơn - Mỗi người dân một công dân số"',
    bold=True,
    center=True,
)
para("-----", center=True)
para(
    "Thực hiện Chỉ thị số 08-CT/TU ngày 15/8/2025 của Ban Thường vụ Tỉnh ủy, Ban Tuyên giáo và Dân vận Tỉnh ủy ban hành Kế hoạch tuyên truyền như sau:"
)
para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
para(
    "1. Làm cho cán bộ, đảng viên và Nhân dân hiểu rõ lợi ích thiết thực của việc sử dụng dịch vụ số, từ đó tự giác tham gia phong trào, chủ động học và hướng dẫn lẫn nhau."
)
para(
    "2. Công tác tuyên truyền phải bám sát đối tượng, dễ hiểu, dễ làm theo; ưu tiên hình thức trực quan, cầm tay chỉ việc; tránh hô hào chung chung, hình thức."
)
para("II. NỘI DUNG TUYÊN TRUYỀN", bold=True)
para(
    "1. Mục tiêu, chỉ tiêu và các nhiệm vụ, giải pháp nêu trong Chỉ thị số 08-CT/TU; kinh nghiệm triển khai mô hình Tổ công nghệ số cộng đồng ở địa bàn thành phố Trà Giang trước đây."
)
para(
    "2. Các kỹ năng số thiết yếu: sử dụng tài khoản định danh điện tử, nộp hồ sơ dịch vụ công trực tuyến, thanh toán điện tử, nhận biết và phòng tránh các thủ đoạn lừa đảo trên mạng."
)
para(
    "3. Gương người tốt, việc tốt, tập thể và cá nhân tiêu biểu trong phong trào, nhất là những người cao tuổi, đồng bào dân tộc thiểu số vượt khó làm chủ công nghệ."
)
para("III. HÌNH THỨC TUYÊN TRUYỀN", bold=True)
para(
    "Tuyên truyền qua hội nghị báo cáo viên, sinh hoạt chi bộ, sinh hoạt đoàn thể; trên báo chí, hệ thống thông tin cơ sở, loa truyền thanh thôn, tổ dân phố; trên mạng xã hội và các nhóm Zalo cộng đồng. Ở các xã vùng cao, kết hợp tuyên truyền bằng tiếng Dao thông qua người có uy tín trong cộng đồng."
)
para("IV. TỔ CHỨC THỰC HIỆN", bold=True)
para(
    "1. Nhiệm vụ cụ thể của từng cơ quan, đơn vị được phân công tại Phụ lục kèm theo Kế hoạch này. Cơ quan chủ trì chịu trách nhiệm chính về tiến độ và chất lượng; cơ quan phối hợp có trách nhiệm tham gia đầy đủ theo đề nghị của cơ quan chủ trì."
)
para(
    "2. Phòng Tuyên truyền và Dân vận cơ sở thuộc Ban Tuyên giáo và Dân vận Tỉnh ủy là đầu mối theo dõi, tổng hợp; kịp thời tham mưu lãnh đạo Ban tháo gỡ vướng mắc phát sinh."
)
para(
    "3. Các cơ quan, đơn vị báo cáo kết quả thực hiện (bằng văn bản và qua hệ thống quản lý văn bản điều hành) về Ban Tuyên giáo và Dân vận Tỉnh ủy trước ngày 15/02/2026 để tổng hợp, sơ kết."
)

sig = doc.add_table(rows=1, cols=2)
sig.cell(0, 0).text = (
    "Nơi nhận:\n- Thường trực Tỉnh ủy (để báo cáo),\n- Các đảng ủy trực thuộc Tỉnh ủy,\n"
    "- Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh,\n- Báo và Phát thanh, Truyền hình Bình Sơn,\n"
    "- Lãnh đạo Ban, các phòng thuộc Ban,\n- Lưu Ban."
)
sig.cell(0, 1).text = "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\n\nHà Thị Mai Phương"
for p in sig.cell(0, 1).paragraphs:
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
para("PHỤ LỤC PHÂN CÔNG NHIỆM VỤ", bold=True, center=True)
para(
    "(Kèm theo Kế hoạch số 27-KH/BTGDVTU ngày 03/9/2025 của Ban Tuyên giáo và Dân vận Tỉnh ủy)",
    italic=True,
    center=True,
)

rows = [
    ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
    (
        "1",
        'Biên soạn, in và phát hành bộ tài liệu hỏi - đáp "Công dân số Bình Sơn" bằng tiếng Việt và tiếng Dao',
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Sở Khoa học và Công nghệ",
        "Tháng 10/2025",
    ),
    (
        "2",
        'Mở chuyên mục "Mỗi ngày một kỹ năng số" trên báo in, báo điện tử và sóng phát thanh, truyền hình của tỉnh, phát sóng 02 kỳ mỗi tuần',
        "Báo và Phát thanh, Truyền hình Bình Sơn",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Từ tháng 9/2025, thực hiện thường xuyên",
    ),
    (
        "3",
        "Tập huấn kỹ năng tuyên truyền về chuyển đổi số cho đội ngũ báo cáo viên, tuyên truyền viên và tổ trưởng Tổ công nghệ số cộng đồng",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Trường Chính trị tỉnh; Sở Khoa học và Công nghệ",
        "Trước ngày 15/11/2025",
    ),
    (
        "4",
        'Tổ chức Hội thi "Tuyên truyền viên số giỏi" cấp tỉnh dành cho đoàn viên, thanh niên',
        "Tỉnh đoàn",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh; Sở Khoa học và Công nghệ",
        "Quý II/2026",
    ),
    (
        "5",
        "Hướng dẫn tiểu thương tại chợ Trà Giang và chợ Vọng Nguyệt mở tài khoản, niêm yết mã QR để nhận thanh toán không dùng tiền mặt",
        "Hội Liên hiệp Phụ nữ tỉnh",
        "Đảng ủy phường Trà Giang; Đảng ủy phường Vọng Nguyệt; các ngân hàng thương mại trên địa bàn",
        "Trước ngày 31/12/2025",
    ),
    (
        "6",
        "Kiểm tra việc cài đặt, sử dụng ứng dụng Sổ tay đảng viên điện tử tại các chi bộ trực thuộc; biểu dương chi bộ làm tốt",
        "Đảng ủy các cơ quan Đảng tỉnh",
        "Văn phòng Tỉnh ủy",
        "Tháng 11/2025",
    ),
    (
        "7",
        "Tuyên truyền, hướng dẫn người dân nhận lương hưu, trợ cấp bảo trợ xã hội qua tài khoản ngân hàng và sử dụng dịch vụ công trực tuyến toàn trình",
        "Đảng ủy Ủy ban nhân dân tỉnh",
        "Sở Nội vụ; Bảo hiểm xã hội tỉnh; Ủy ban nhân dân các xã, phường",
        "Quý IV/2025",
    ),
    (
        "8",
        "Cảnh báo thủ đoạn lừa đảo qua điện thoại, mạng xã hội; tổ chức nói chuyện chuyên đề tại các câu lạc bộ người cao tuổi",
        "Công an tỉnh",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy; Hội Cựu chiến binh tỉnh",
        "Thường xuyên; cao điểm tháng 12/2025",
    ),
    (
        "9",
        "Đăng tải tin, bài, video hướng dẫn trên trang thông tin điện tử của xã, phường và các nhóm Zalo thôn, tổ dân phố",
        "Đảng ủy các xã, phường",
        "Tổ công nghệ số cộng đồng; Đoàn Thanh niên cấp xã",
        "Hằng tháng",
    ),
    (
        "10",
        "Sơ kết 6 tháng thực hiện Kế hoạch, báo cáo Ban Thường vụ Tỉnh ủy",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Các cơ quan, đơn vị được phân công",
        "Trước ngày 28/02/2026",
    ),
]
t = doc.add_table(rows=len(rows), cols=5)
t.style = "Table Grid"
for i, row in enumerate(rows):
    for j, v in enumerate(row):
        t.cell(i, j).text = v
        if i == 0:
            for r in t.cell(i, j).paragraphs[0].runs:
                r.bold = True
doc.core_properties.author = "Ban Tuyen giao va Dan van Tinh uy Binh Son"
doc.save(OUT)
print("wrote", OUT)
