#!/usr/bin/env python3
"""Write bench/dev7/questions.jsonl (ids k001… in list order). Run: python3 bench/dev7/build/make_questions.py"""

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "questions.jsonl"
HD = "huong-dan-07-hd-btctu-2025.pdf"
QDI = "quy-dinh-14-qdi-tu-2025.txt"
KH23 = "ke-hoach-23-kh-du-ubnd-tinh-2025.docx"
CV = "cong-van-412-cv-tu-2025.txt"
SCAN = "ke-hoach-19-kh-du-xa-ben-hac-2025.pdf"
BC = "bao-cao-512-bc-snnmt-2025.md"
TB = "thong-bao-ket-luan-205-tb-tu-2025.txt"
SP = "phat-bieu-khai-giang-truong-chinh-tri-2025.txt"

# (type, question, [(doc, evidence), ...], answer or None)
Q = [
    # --- task (10)
    ("task", "Ban Tổ chức TU được giao việc gì về Ban Quản lý di tích Đền Cửa Lam, chậm nhất khi nào phải trình?",
     [(TB, "kiện toàn Ban Quản lý di tích Đền Cửa Lam sau sắp xếp")], None),
    ("task", "Công an tỉnh phải chuẩn bị gì cho mùa lễ hội Đền Cửa Lam 2026, hạn đến bao giờ?",
     [(TB, "thay cầu phao bằng cầu tạm có lan can")], None),
    ("task", "Sở CT phải mở gian hàng OCOP ở các trạm dừng nghỉ ven biển trước khi nào?",
     [(BC, "mở gian hàng OCOP tại các điểm dừng nghỉ trên quốc lộ ven biển trước ngày 30/6/2026")], None),
    ("task", "Ban Nội chính TU phải làm gì sau vụ xô xát vì hút cát trên sông Ngàn Hạc, báo cáo lúc nào?",
     [(CV, "chủ trì làm rõ trách nhiệm của tổ chức đảng, đảng viên liên quan")], None),
    ("task", "Đảng ủy CA tỉnh phải báo cáo kết quả ban đầu vụ xô xát đêm 24/10 trước ngày nào?",
     [(CV, "báo cáo kết quả ban đầu về Ban Thường vụ Tỉnh ủy trước ngày 15/11/2025")], None),
    ("task", "Sở NN&MT đóng cống ngăn mặn Bàu Sen khi nào theo kế hoạch chống hạn mặn của ĐU UBND tỉnh?",
     [(KH23, "Đóng cống ngăn mặn Bàu Sen, Cửa Lạch khi độ mặn tại cửa cống vượt 1‰")], None),
    ("task", "Ban Tuyên giáo Tỉnh ủy phải làm gì trong kế hoạch phòng chống hạn hán, xâm nhập mặn mùa khô, hạn tháng mấy?",
     [(KH23, "Tuyên truyền Nhân dân trữ nước mưa, sử dụng nước tiết kiệm")], None),
    ("task", "UBKT Đảng ủy xã Bến Hạc phải kiểm tra ai và kết luận trước ngày nào?",
     [(SCAN, "kiểm tra dấu hiệu vi phạm của đảng viên là trưởng thôn Bãi Bồi")], None),
    ("task", "Trường Chính trị tỉnh phải mở lớp gì cho cán bộ luân chuyển về xã, khai giảng khi nào?",
     [(HD, "Mở lớp bồi dưỡng kỹ năng quản lý cấp xã cho cán bộ luân chuyển")], None),
    ("task", "Đảng ủy Khối các cơ quan tỉnh phải giới thiệu bao nhiêu cán bộ trẻ về xã trong năm 2025?",
     [(HD, "Giới thiệu cán bộ trẻ có năng lực ở các sở, ban, ngành về xã")], None),
    # --- passage (8)
    ("passage", "Câu \"một chữ ký sai ở xã làm dân mất lòng tin nhanh hơn mọi lời tuyên truyền\" là ai nói, ở đâu?",
     [(SP, "một chữ ký sai ở xã làm dân mất lòng tin nhanh hơn mọi lời tuyên truyền")], None),
    ("passage", "Có đồng chí lãnh đạo nói đại ý đi học lớp này không phải để kiếm thêm cái chứng chỉ, tìm giúp nguồn",
     [(SP, "lớp học này không phải nơi để lấy thêm một tấm chứng chỉ")], None),
    ("passage", "Ai nói người dạy cán bộ xã mà chưa ngồi bộ phận một cửa thì khó dạy sát thực tế?",
     [(SP, "người dạy cán bộ xã mà chưa từng ngồi ở bộ phận một cửa")], None),
    ("passage", "Câu dân không quan tâm học ở đâu, chỉ hỏi việc của dân có được giải quyết không nằm trong văn bản nào?",
     [(SP, "Dân không hỏi các đồng chí học ở đâu")], None),
    ("passage", "Văn bản nào của tỉnh ghi công khai, minh bạch là nguyên tắc còn bí mật là ngoại lệ?",
     [(QDI, "Công khai, minh bạch là nguyên tắc, bí mật là ngoại lệ")], None),
    ("passage", "Khẩu hiệu không đốt vàng mã, không chen lấn cướp lộc ở đền được nêu trong văn bản nào?",
     [(TB, "không đốt vàng mã tại đền, không chen lấn cướp lộc")], None),
    ("passage", "Văn bản nào nói người đứng đầu xã phải chịu trách nhiệm nếu để tàu hút cát trái phép hoạt động kéo dài?",
     [(CV, "chịu trách nhiệm trước Ban Thường vụ Tỉnh ủy nếu để tàu hút cát trái phép hoạt động kéo dài")], None),
    ("passage", "Ở đâu có quy định không luân chuyển cán bộ khi đang bị xem xét kỷ luật?",
     [(HD, "không luân chuyển cán bộ trong thời gian đang bị xem xét kỷ luật")], None),
    # --- metadata (6)
    ("metadata", "KH 23-KH/ĐU về chống hạn, xâm nhập mặn ban hành ngày nào, ai ký?",
     [(KH23, "Hồng Lam, ngày 20 tháng 10 năm 2025")],
     "Kế hoạch số 23-KH/ĐU ngày 20/10/2025 của Đảng ủy UBND tỉnh; T/M Ban Thường vụ, Phó Bí thư Phan Thị Thu Lành ký"),
    ("metadata", "Công văn hỏa tốc về khai thác cát trái phép trên sông Ngàn Hạc số mấy, ai ký?",
     [(CV, "PHÓ BÍ THƯ THƯỜNG TRỰC (đã ký) Lê Thị Minh Hạnh")],
     "Công văn số 412-CV/TU ngày 27/10/2025 của Ban Thường vụ Tỉnh ủy; T/M Ban Thường vụ, Phó Bí thư Thường trực Lê Thị Minh Hạnh ký"),
    ("metadata", "Hướng dẫn luân chuyển cán bộ cấp xã sau sắp xếp do ai ký, ngày nào?",
     [(HD, "PHÓ TRƯỞNG BAN (đã ký) Trần Đình Khiêm"), (HD, "Hồng Lam, ngày 15 tháng 9 năm 2025")],
     "Hướng dẫn số 07-HD/BTCTU ngày 15/9/2025 của Ban Tổ chức Tỉnh ủy; K/T Trưởng ban, Phó Trưởng ban Trần Đình Khiêm ký"),
    ("metadata", "Thông báo kết luận về Lễ hội Đền Cửa Lam xuân Bính Ngọ số bao nhiêu, ai ký?",
     [(TB, "CHÁNH VĂN PHÒNG (đã ký) Bùi Quang Vinh")],
     "Thông báo số 205-TB/TU ngày 18/11/2025; T/L Ban Thường vụ, Chánh Văn phòng Bùi Quang Vinh ký"),
    ("metadata", "Bài phát biểu ở lễ khai giảng lớp cán bộ chủ chốt cấp xã là của đồng chí nào, ngày nào?",
     [(SP, "Bài phát biểu chỉ đạo của đồng chí Lê Thị Minh Hạnh")],
     "Đồng chí Lê Thị Minh Hạnh, Phó Bí thư Thường trực Tỉnh ủy, ngày 06/10/2025 tại Trường Chính trị tỉnh"),
    ("metadata", "Kế hoạch của Đảng ủy xã Bến Hạc về chống khai thác cát trái phép số mấy, ngày nào?",
     [(SCAN, "Bến Hạc, ngày 31 tháng 10 năm 2025")],
     "Kế hoạch số 19-KH/ĐU ngày 31/10/2025 của Đảng ủy xã Bến Hạc; T/M Đảng ủy, Bí thư Đinh Công Lượng ký"),
    # --- cross_doc (5)
    ("cross_doc", "Văn bản nào triển khai Công văn 412-CV/TU về khai thác cát trái phép?",
     [(SCAN, "thực hiện Công văn số 412-CV/TU")], None),
    ("cross_doc", "Quy định 14-QĐi/TU về kiểm soát quyền lực cấp xã thay thế văn bản nào?",
     [(QDI, "thay thế Quy định số 06-QĐi/TU ngày 18/5/2021")], None),
    ("cross_doc", "Quy định kiểm soát quyền lực ở cấp xã của tỉnh căn cứ quy định nào của Bộ Chính trị?",
     [(QDI, "Căn cứ Quy định số 189-QĐ/TW của Bộ Chính trị")], None),
    ("cross_doc", "KH 23-KH/ĐU chống hạn mặn thực hiện chỉ thị nào của BTV Tỉnh ủy, chỉ thị đó có trong thư viện không?",
     [(KH23, "Thực hiện Chỉ thị số 11-CT/TU ngày 02/6/2025 của Ban Thường vụ Tỉnh ủy")], None),
    ("cross_doc", "Hướng dẫn 07-HD/BTCTU được nhắc tới ở văn bản nào, và theo hướng dẫn đó cán bộ luân chuyển ít nhất bao lâu?",
     [(SP, "luân chuyển theo Hướng dẫn số 07-HD/BTCTU của Ban Tổ chức Tỉnh ủy"),
      (HD, "Thời gian luân chuyển ít nhất là 03 năm (36 tháng)")], None),
    # --- unaccented (5)
    ("unaccented", "dang uy xa phuong phai ban hanh quy che kiem soat quyen luc truoc ngay nao",
     [(QDI, "xây dựng quy chế kiểm soát quyền lực cụ thể của đơn vị, ban hành trước ngày 31/12/2025")], None),
    ("unaccented", "Tong cong bao nhieu san pham OCOP du thi nam 2025, ty le dat bao nhieu?",
     [(BC, "Tổng cộng | 116 | 61 | 19 | 69,0%")], None),
    ("unaccented", "Bo CHQS tinh cho nuoc ngot cho thon bi man khi nao?",
     [(KH23, "Chở nước ngọt miễn phí cho các thôn có độ mặn giếng vượt ngưỡng")], None),
    ("unaccented", "so VHTTDL phai trinh kich ban phan le hoi Den Cua Lam truoc ngay nao",
     [(TB, "chỉnh lý kịch bản phần lễ theo đúng nghi thức truyền thống")], None),
    ("unaccented", "cong an xa Ben Hac lap may to tuan tra tren song, truc tu may gio",
     [(SCAN, "thành lập 03 tổ tuần tra chung trên sông, mỗi tổ 05 người")], None),
    # --- negative (16)
    ("negative", "Đảng ủy xã Kỳ Vân phải làm gì để ngăn chặn khai thác cát trái phép?", [], None),
    ("negative", "Năm 2023 tỉnh có bao nhiêu sản phẩm OCOP đạt 4 sao?", [], None),
    ("negative", "Kế hoạch phòng, chống hạn mặn mùa khô 2026 - 2027 giao Sở NN&MT những việc gì?", [], None),
    ("negative", "Chỉ thị 11-CT/TU về bảo đảm an ninh nguồn nước yêu cầu những nội dung gì?", [], None),
    ("negative", "Tàu hút cát trái phép trên sông Ngàn Hạc bị phạt tiền bao nhiêu?", [], None),
    ("negative", "Hội Cựu chiến binh tỉnh được giao nhiệm vụ gì trong mùa lễ hội Đền Cửa Lam?", [], None),
    ("negative", "Quy định 06-QĐi/TU năm 2021 quy định trách nhiệm người đứng đầu cấp xã như thế nào?", [], None),
    ("negative", "Mùa lễ hội Đền Cửa Lam năm 2025 thu được bao nhiêu tiền công đức?", [], None),
    ("negative", "Tổng kinh phí thực hiện KH 23-KH/ĐU chống hạn mặn là bao nhiêu tỷ đồng?", [], None),
    ("negative", "Lớp bồi dưỡng cán bộ chủ chốt cấp xã khóa II khai giảng khi nào?", [], None),
    ("negative", "Tỉnh triển khai Chỉ thị 35-CT/TW về đại hội đảng bộ các cấp ra sao?", [], None),
    ("negative", "Đến cuối năm 2025 đã có bao nhiêu cán bộ được luân chuyển về xã theo Hướng dẫn 07?", [], None),
    ("negative", "Đảng ủy phường Nghi Sa được giao bảo đảm an toàn lễ hội nào?", [], None),
    ("negative", "Ước tính mỗi đêm tàu hút cát lấy đi bao nhiêu m3 cát ở thôn Bãi Bồi?", [], None),
    ("negative", "Độ mặn đo được tại cống Bàu Sen tháng 3/2025 là bao nhiêu phần nghìn?", [], None),
    ("negative", "Sở Tài chính phải làm gì theo Quy định 14-QĐi/TU về kiểm soát quyền lực?", [], None),
]


def main():
    lines = []
    for i, (typ, question, gold, answer) in enumerate(Q, 1):
        q = {"id": f"k{i:03d}", "question": question, "type": typ,
             "gold": [{"doc": d, "evidence": e} for d, e in gold]}
        if answer:
            q["answer"] = answer
        lines.append(json.dumps(q, ensure_ascii=False))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("wrote", OUT, len(lines), "questions")


if __name__ == "__main__":
    main()
