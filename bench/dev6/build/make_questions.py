#!/usr/bin/env python3
"""Write bench/dev6/questions.jsonl (ids h001… in list order). Run: python3 bench/dev6/build/make_questions.py"""

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "questions.jsonl"
KH57 = "ke-hoach-57-kh-tu-2025.pdf"
KH12 = "ke-hoach-12-kh-du-ubnd-tp-2025.docx"
QD = "quyet-dinh-215-qd-tu-2025.txt"
KH08 = "ke-hoach-08-kh-du-hon-dua-2025.pdf"
CT = "chi-thi-09-ct-tu-2025.txt"
TB = "thong-bao-ket-luan-146-tb-tu-2025.txt"
SP = "phat-bieu-khai-truong-pho-dem-con-nhan-2025.txt"
BC = "bao-cao-64-bc-du-ubnd-tp-2025.txt"

# (type, question, [(doc, evidence), ...], answer or None)
Q = [
    # --- task (10)
    ("task", "Đảng ủy P. Rạch Sậy phải giải tỏa các công trình lấn chiếm rạch Cầu Sập xong trước ngày nào?",
     [(TB, "hoàn thành giải tỏa 27 công trình lấn chiếm rạch Cầu Sập trước ngày 20/12/2025")], None),
    ("task", "BTGDVTU được giao việc gì trong KH 57 chống ngập, hạn khi nào?",
     [(KH57, "chủ trì cùng Ủy ban MTTQ Việt Nam Thành phố phát động phong trào")], None),
    ("task", "Đồn BP Hòn Dứa phải làm gì khi có bão, thời hạn ra sao?",
     [(KH08, "Kêu gọi tàu thuyền vào nơi")], None),
    ("task", "Đảng bộ Sở NN&MT phải trình giá dịch vụ thu gom rác theo khối lượng trước ngày nào?",
     [(KH12, "quy định giá dịch vụ thu gom tính theo khối lượng, thu qua túi đựng rác có in mã")], None),
    ("task", "Thành đoàn phải làm gì trong kế hoạch phân loại rác tại nguồn của ĐU UBND TP?",
     [(KH12, "Thành đoàn lập đội tình nguyện hướng dẫn cư dân chung cư phân loại rác vào sáng chủ nhật")], None),
    ("task", "CA TP phải kiểm tra PCCC quán bar, karaoke xong trước ngày nào theo CT 09?",
     [(CT, "kiểm tra phòng cháy, chữa cháy toàn bộ quán bar, cơ sở karaoke trước ngày 15/11/2025")], None),
    ("task", "Các đảng ủy phường có chung cư phải lập hoặc kiện toàn chi bộ nhà chung cư trước khi nào?",
     [(QD, "rà soát, thành lập hoặc kiện toàn chi bộ nhà chung cư, hoàn thành trước ngày 31/3/2026")], None),
    ("task", "UBKTTU phải kiểm tra, giám sát việc chống ngập vào năm nào, tập trung vào đâu?",
     [(KH57, "đưa việc thực hiện Kế hoạch này vào chương trình kiểm tra, giám sát năm 2026")], None),
    ("task", "Sở Tư pháp phải số hóa xong sổ hộ tịch cũ của các huyện trước đây khi nào?",
     [(BC, "hoàn thành số hóa sổ hộ tịch cũ trước ngày 30/6/2026")], None),
    ("task", "LĐLĐ TP cùng UBMTTQ TP phải vận động chủ quán làm gì cho người làm ca đêm?",
     [(CT, "vận động chủ cơ sở ký hợp đồng lao động với người làm ca đêm")], None),
    # --- passage (8)
    ("passage", "Câu \"phố đêm sáng đèn nhưng nhà dân hai bên phải được ngủ yên\" là của ai, nói ở đâu?",
     [(SP, "phố đêm phải sáng đèn, nhưng nhà dân hai bên phải được ngủ yên")], None),
    ("passage", "Có đồng chí lãnh đạo nói đại ý mình không bán sự ồn ào mà bán trải nghiệm cho khách, tìm giúp nguồn để trích",
     [(SP, "Chúng ta không bán tiếng ồn, chúng ta bán trải nghiệm")], None),
    ("passage", "Câu người làm ca đêm là người giữ cho thành phố thức nằm trong văn bản nào?",
     [(SP, "Người lao động ca đêm là người giữ cho thành phố thức")], None),
    ("passage", "Văn bản nào nói phải định hướng dư luận, kinh tế ban đêm không phải là phố ăn chơi?",
     [(CT, "định hướng dư luận để người dân hiểu kinh tế ban đêm")], None),
    ("passage", "Đoạn nào nói chặt chém khách một lần là mất hết công sức của cả phố?",
     [(SP, "một lần chặt chém du khách có thể xóa sạch công sức của cả tuyến phố")], None),
    ("passage", "Ở đâu có ý nơi nào để dân lội nước nhiều ngày thì không được xếp loại hoàn thành tốt nhiệm vụ?",
     [(KH57, "nơi nào để người dân phải lội nước nhiều ngày mà không có giải pháp")], None),
    ("passage", "Câu ngập không chỉ do mưa to, triều cao mà còn do lấn chiếm kênh rạch trích từ văn bản nào?",
     [(KH57, "Ngập không chỉ là chuyện mưa to hay triều cao mà còn do kênh rạch bị lấn chiếm")], None),
    ("passage", "Quy định nào nói chi bộ chung cư không được biểu quyết nhân sự khi họp online?",
     [(QD, "Không biểu quyết về công tác cán bộ bằng hình thức trực tuyến")], None),
    # --- metadata (6)
    ("metadata", "Kế hoạch chống ngập, triều cường của Thành ủy số mấy, ai ký?",
     [(KH57, "PHÓ BÍ THƯ THƯỜNG TRỰC (đã ký) Huỳnh Thị Ngọc Diệp")],
     "Kế hoạch số 57-KH/TU ngày 22/8/2025 của Ban Thường vụ Thành ủy; T/M Ban Thường vụ, Phó Bí thư Thường trực Huỳnh Thị Ngọc Diệp ký"),
    ("metadata", "Thông báo kết luận của Bí thư Thành ủy ở phường Rạch Sậy số bao nhiêu, ngày nào, ai ký?",
     [(TB, "CHÁNH VĂN PHÒNG (đã ký) Kha Văn Thịnh")],
     "Thông báo số 146-TB/TU ngày 28/11/2025; T/L Ban Thường vụ, Chánh Văn phòng Kha Văn Thịnh ký"),
    ("metadata", "Chỉ thị về kinh tế ban đêm ban hành ngày nào, ai ký?",
     [(CT, "Hải Đăng, ngày 29 tháng 9 năm 2025")],
     "Chỉ thị số 09-CT/TU ngày 29/9/2025 của Ban Thường vụ Thành ủy; T/M Ban Thường vụ, Bí thư Lâm Vĩnh Khang ký"),
    ("metadata", "Bài phát biểu khai trương phố đêm bến Cồn Nhạn là của đồng chí nào?",
     [(SP, "PHÁT BIỂU CỦA ĐỒNG CHÍ TẠ MINH LUÂN, PHÓ BÍ THƯ THÀNH ỦY")],
     "Đồng chí Tạ Minh Luân, Phó Bí thư Thành ủy, Chủ tịch UBND Thành phố"),
    ("metadata", "QĐ 215-QĐ/TU ban hành ngày nào, có hiệu lực từ khi nào?",
     [(QD, "Quyết định có hiệu lực kể từ ngày ký"), (QD, "Hải Đăng, ngày 14 tháng 11 năm 2025")],
     "Ngày 14/11/2025; có hiệu lực kể từ ngày ký"),
    ("metadata", "KH ứng phó bão của ĐU đặc khu Hòn Dứa số mấy, ngày nào, ai ký?",
     [(KH08, "Hòn Dứa, ngày 05 tháng 9 năm 2025")],
     "Kế hoạch số 08-KH/ĐU ngày 05/9/2025 của Đảng ủy đặc khu Hòn Dứa; T/M Đảng ủy, Bí thư Quách Văn Lực ký"),
    # --- cross_doc (5)
    ("cross_doc", "Những văn bản nào triển khai Kế hoạch 57-KH/TU về chống ngập?",
     [(KH08, "thực hiện Kế hoạch số 57-KH/TU của Ban Thường vụ Thành ủy"),
      (TB, "Thực hiện nghiêm Kế hoạch số 57-KH/TU của Ban Thường vụ Thành ủy về chống ngập")], None),
    ("cross_doc", "Quyết định 215 về chi bộ chung cư được văn bản nào nhắc tới, giao phường nào làm gì?",
     [(TB, "Thành lập chi bộ tại 14 chung cư còn lại theo Quyết định số 215-QĐ/TU")], None),
    ("cross_doc", "Bài phát biểu ở phố đêm Cồn Nhạn thực hiện chỉ thị nào, chỉ thị đó giao các phường có phố đêm việc gì?",
     [(SP, "Thực hiện Chỉ thị số 09-CT/TU của Ban Thường vụ Thành ủy"),
      (CT, "lãnh đạo sắp xếp lại hàng rong, phân định phần vỉa hè dành cho người đi bộ")], None),
    ("cross_doc", "Báo cáo chuyển đổi số bộ phận một cửa của ĐU UBND TP căn cứ nghị quyết Trung ương nào?",
     [(BC, "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị")], None),
    ("cross_doc", "KH 12-KH/ĐU về phân loại rác thực hiện văn bản nào của Thành ủy, văn bản đó có trong thư viện không?",
     [(KH12, "Thực hiện Chương trình hành động số 03-CTr/TU ngày 18/7/2025 của Thành ủy")],
     None),
    # --- unaccented (5)
    ("unaccented", "dang uy phuong rach say phai thanh lap chi bo o 14 chung cu truoc ngay nao",
     [(TB, "Thành lập chi bộ tại 14 chung cư còn lại")], None),
    ("unaccented", "Cong an TP tuan tra pho dem den may gio sang?",
     [(CT, "tuần tra đến 03 giờ sáng vào các đêm thứ Sáu, thứ Bảy, Chủ nhật")], None),
    ("unaccented", "chi bo nha chung cu sinh hoat dinh ky may lan",
     [(QD, "Chi bộ sinh hoạt thường kỳ mỗi tháng một lần vào buổi tối hoặc ngày nghỉ cuối tuần")], None),
    ("unaccented", "Ty le nop ho so truc tuyen o cac xa la bao nhieu?",
     [(BC, "Tỷ lệ nộp trực tuyến (%) 78,4 51,2")], None),
    ("unaccented", "UBND dac khu Hon Dua phai du tru gao, nuoc ngot du dung may ngay?",
     [(KH08, "Dự trữ gạo, nước ngọt, thuốc"),
      (KH57, "dự trữ lương thực, nước ngọt đủ dùng 07 ngày khi tàu thuyền không thể cập bến")], None),
    # --- negative (16)
    ("negative", "Đảng ủy phường Tân Quy phải làm gì để chống ngập khi triều cường?", [], None),
    ("negative", "KH 57-KH/TU đặt chỉ tiêu giảm điểm ngập đến năm 2030 là bao nhiêu điểm?", [], None),
    ("negative", "Kế hoạch phòng, chống ngập mùa mưa 2026 - 2027 của Thành ủy giao những việc gì?", [], None),
    ("negative", "Chương trình hành động 03-CTr/TU về môi trường đô thị đặt những chỉ tiêu gì?", [], None),
    ("negative", "Hộ gia đình không phân loại rác thì bị phạt bao nhiêu tiền?", [], None),
    ("negative", "Đảng bộ phường Rạch Sậy hiện có bao nhiêu đảng viên?", [], None),
    ("negative", "Hội Nông dân Thành phố được giao nhiệm vụ gì trong phòng, chống ngập úng?", [], None),
    ("negative", "Trạm bơm Rạch Sậy có tổng vốn đầu tư bao nhiêu tỷ?", [], None),
    ("negative", "Bí thư Thành ủy làm việc với Đảng ủy phường Vàm Lá đã kết luận những gì?", [], None),
    ("negative", "Năm 2024 tỷ lệ nộp hồ sơ trực tuyến ở các phường là bao nhiêu phần trăm?", [], None),
    ("negative", "ĐU đặc khu Cù Lao Mây phân công ai sơ tán dân khi có bão?", [], None),
    ("negative", "Vào tuyến phố đêm bến Cồn Nhạn có phải mua vé không, giá bao nhiêu?", [], None),
    ("negative", "Kết luận 126-KL/TW yêu cầu gì về sắp xếp tổ chức bộ máy?", [], None),
    ("negative", "Quy chế chi bộ nhà chung cư quy định mức thu đảng phí thế nào?", [], None),
    ("negative", "Đợt ra quân vớt rác, khơi thông cống tháng 12/2025 có bao nhiêu đoàn viên tham gia?", [], None),
    ("negative", "Đỉnh triều cường cao nhất tháng 10/2025 đo được bao nhiêu mét?", [], None),
]


def main():
    lines = []
    for i, (typ, question, gold, answer) in enumerate(Q, 1):
        q = {"id": f"h{i:03d}", "question": question, "type": typ,
             "gold": [{"doc": d, "evidence": e} for d, e in gold]}
        if answer:
            q["answer"] = answer
        lines.append(json.dumps(q, ensure_ascii=False))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("wrote", OUT, len(lines), "questions")


if __name__ == "__main__":
    main()
