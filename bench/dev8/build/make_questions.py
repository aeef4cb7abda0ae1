#!/usr/bin/env python3
"""Write bench/dev8/questions.jsonl (ids m001… in list order). Run: python3 bench/dev8/build/make_questions.py"""

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "questions.jsonl"
BT = "ban-tin-phat-bieu-bi-thu-hoi-nghi-nq05-2025.pdf"
NQ = "nghi-quyet-05-nq-tu-2025.txt"
CTR = "chuong-trinh-hanh-dong-12-ctr-du-2025.pdf"
CD = "cong-dien-03-cd-tu-2026.txt"
KH = "ke-hoach-27-kh-tu-2025.docx"
KL = "ket-luan-18-kl-tu-2026.txt"
BC = "bao-cao-46-bc-du-xa-cu-prong-2025.txt"

Q = [
    # --- task (8)
    ("task", "Sở KH&CN được giao làm gì về chỉ dẫn địa lý cho sầu riêng, xong năm nào?",
     [(CTR, "Xây dựng hồ sơ đề nghị bảo hộ chỉ dẫn địa lý")], None),
    ("task", "NHCSXH tỉnh phải bố trí bao nhiêu vốn vay cho bà con tái canh cà phê?",
     [(CTR, "Dành tối thiểu 300 tỷ đồng vốn vay ưu đãi cho tái canh cà phê")], None),
    ("task", "Đảng ủy CA tỉnh phải làm gì với vụ xô xát ở tiểu khu 1207, báo cáo trước ngày nào?",
     [(CD, "điều tra, xử lý nghiêm đối tượng cầm đầu, kích động")], None),
    ("task", "BĐBP tỉnh phải bố trí quân số trực thế nào dịp Tết Bính Ngọ, từ ngày nào đến ngày nào?",
     [(KH, "duy trì 100% quân số trực tại các đồn biên phòng")], None),
    ("task", "Đảng ủy QS xã Cư Prông được giao kiểm soát việc gì năm 2026?",
     [(BC, "kiểm soát việc vận chuyển thuốc bảo vệ thực vật, phân bón nhập lậu")], None),
    ("task", "UBKT TU phải kiểm tra ai vì để phá rừng kéo dài ở Ia Lâm, khi nào báo cáo?",
     [(KL, "kiểm tra trách nhiệm người đứng đầu Đảng ủy xã Ia Lâm")], None),
    ("task", "Sở NV phải đưa chỉ tiêu gì vào xếp loại UBND cấp xã theo chương trình hành động về cà phê, sầu riêng?",
     [(CTR, "Đưa chỉ tiêu tỷ lệ hộ đồng bào tham gia chuỗi liên kết vào đánh giá")], None),
    ("task", "Ban Tuyên giáo Tỉnh ủy phải tuyên truyền nghị quyết về vùng nguyên liệu cà phê, sầu riêng bằng cách nào?",
     [(NQ, "tuyên truyền Nghị quyết bằng tiếng Ê Đê, tiếng Jrai trên sóng phát thanh")], None),
    # --- passage (6)
    ("passage", "Câu bí thư tỉnh ủy nói: sầu riêng trồng trên đất rừng thì dù trồng năm nào cũng không được cấp mã số — ở đâu?",
     [(BT, "không có một cây sầu riêng nào trồng trên đất rừng được cấp mã số")], None),
    ("passage", "Bí thư tỉnh ủy yêu cầu bí thư xã vùng sâu phải nắm bao nhiêu hộ đang tái canh cà phê?",
     [(BT, "phải biết tên ít nhất mười hộ đồng bào đang tái canh")], None),
    ("passage", "Trích dẫn: không thể vận động dân giữ rừng khi chính nhà mình lấn rừng",
     [(BT, "Không thể vận động dân giữ rừng khi chính nhà mình lấn rừng")], None),
    ("passage", "Nghị quyết của tỉnh đánh giá bao nhiêu phần trăm diện tích cà phê đã già cỗi?",
     [(NQ, "Khoảng 37% diện tích cà phê đã già cỗi, năng suất thấp")], None),
    ("passage", "Đã bàn giao được bao nhiêu ha đất nông, lâm trường về địa phương?",
     [(KL, "mới bàn giao về địa phương 4.120 ha trên tổng số 9.860 ha")], None),
    ("passage", "Rừng bị phá sau mốc thời gian nào thì tuyệt đối không được hợp thức hóa?",
     [(KL, "Dứt khoát không hợp thức hóa diện tích rừng bị phá sau ngày 01/01/2025")], None),
    # --- metadata (5)
    ("metadata", "Kế hoạch bảo đảm an ninh biên giới dịp Tết Bính Ngọ 2026 số mấy, ban hành ngày nào?",
     [(KH, "Krông Ba, ngày 05 tháng 12 năm 2025")],
     "Kế hoạch số 27-KH/TU ngày 05/12/2025 của Ban Thường vụ Tỉnh ủy Krông Ba; T/M Ban Thường vụ, Phó Bí thư Nay Hrin ký"),
    ("metadata", "Công điện về vụ phá rừng ở tiểu khu 1207 số mấy, ngày nào, ai ký?",
     [(CD, "Krông Ba, ngày 14 tháng 01 năm 2026")],
     "Công điện số 03-CĐ/TU ngày 14/01/2026 của Ban Thường vụ Tỉnh ủy; T/M Ban Thường vụ, Phó Bí thư Thường trực Trần Văn Quyết ký"),
    ("metadata", "Báo cáo mã số vùng trồng của Đảng ủy xã Cư Prông số mấy, ngày nào, ai ký?",
     [(BC, "Cư Prông, ngày 10 tháng 12 năm 2025")],
     "Báo cáo số 46-BC/ĐU ngày 10/12/2025 của Đảng ủy xã Cư Prông; T/M Đảng ủy, Bí thư H'Bliêng Niê ký"),
    ("metadata", "Chương trình hành động 12-CTr/ĐU ban hành ngày nào, ai ký?",
     [(CTR, "Krông Ba, ngày 22 tháng 12 năm 2025")],
     "Chương trình hành động số 12-CTr/ĐU ngày 22/12/2025 của Đảng ủy UBND tỉnh; T/M Ban Thường vụ, Bí thư Phạm Đăng Khoa ký"),
    ("metadata", "Ai phát biểu tại hội nghị quán triệt Nghị quyết 05-NQ/TU, vào ngày nào?",
     [(BT, "Bài phát biểu của đồng chí Ksor Y Thuận, Bí thư Tỉnh ủy")],
     "Đồng chí Ksor Y Thuận, Bí thư Tỉnh ủy, ngày 18/12/2025 (Bản tin Thông tin nội bộ số 24, tháng 12/2025)"),
    # --- cross_doc (4)
    ("cross_doc", "Văn bản nào cụ thể hóa Nghị quyết 05-NQ/TU thành bảng phân công nhiệm vụ?",
     [(CTR, "thực hiện Nghị quyết số 05-NQ/TU ngày 28/11/2025")], None),
    ("cross_doc", "Nghị quyết 05-NQ/TU về cà phê, sầu riêng thực hiện nghị quyết nào của Trung ương?",
     [(NQ, "thực hiện Nghị quyết số 19-NQ/TW của Ban Chấp hành Trung ương")], None),
    ("cross_doc", "Kết luận 18-KL/TU dẫn kế hoạch nào về rà soát, bàn giao đất nông, lâm trường?",
     [(KL, "Kế hoạch số 41-KH/TU ngày 07/10/2025")], None),
    ("cross_doc", "Kết luận 18 dẫn công điện nào về vụ tiểu khu 1207, và công điện đó yêu cầu Đảng ủy xã Ia Lâm làm gì?",
     [(KL, "Theo Công điện số 03-CĐ/TU ngày 14/01/2026"), (CD, "giữ nguyên hiện trạng khu rừng bị phát dọn")], None),
    # --- unaccented (4)
    ("unaccented", "dang uy cac xa bien gioi phai ra soat nguoi di lam thue o Campuchia ve an Tet, nop danh sach truoc ngay nao",
     [(KH, "rà soát người lao động đi làm thuê ở Campuchia trở về ăn Tết")], None),
    ("unaccented", "ty le dien tich ca phe tai canh ghep cai tao den nam 2030 la bao nhieu phan tram",
     [(NQ, "Tỷ lệ diện tích cà phê được tái canh, ghép cải tạo đạt 45%")], None),
    ("unaccented", "xa Cu Prong thu hoi ma so vung trong cua hop tac xa nao, vi sao",
     [(BC, "thu hồi 2 mã số của Hợp tác xã Buôn Jù")], None),
    ("unaccented", "So NN&MT phai do dac lai ranh gioi tieu khu 1207 va cam moc khi nao",
     [(CD, "đo đạc lại ranh giới tiểu khu 1207, cắm mốc ngoài thực địa")], None),
    # --- negative (13)
    ("negative", "Đảng ủy xã Ea Hleo phải làm gì để ngăn phá rừng trồng sầu riêng?", [], None),
    ("negative", "Năm 2023 giá trị xuất khẩu nông sản của tỉnh đạt bao nhiêu?", [], None),
    ("negative", "Chỉ tiêu về sầu riêng giai đoạn 2031 - 2035 là gì?", [], None),
    ("negative", "Kế hoạch 41-KH/TU quy định bàn giao đất nông, lâm trường theo mấy bước?", [], None),
    ("negative", "Năm 2025 tỉnh đã có bao nhiêu ha cà phê đạt chứng nhận bền vững?", [], None),
    ("negative", "Hộ phá rừng để trồng sầu riêng bị phạt bao nhiêu tiền?", [], None),
    ("negative", "Hội Cựu chiến binh tỉnh được giao gì trong đợt cao điểm bảo vệ biên giới dịp Tết?", [], None),
    ("negative", "Công điện yêu cầu trực cháy rừng thế nào trong mùa khô 2026 - 2027?", [], None),
    ("negative", "Giá thu mua sầu riêng tại vườn năm 2025 là bao nhiêu đồng một ký?", [], None),
    ("negative", "Nghị quyết 05-NQ/TU thực hiện Kết luận 81-KL/TW như thế nào?", [], None),
    ("negative", "Bao nhiêu người đã bị khởi tố trong vụ phá rừng ở tiểu khu 1207?", [], None),
    ("negative", "Kế hoạch 27-KH/TU bố trí bao nhiêu kinh phí cho đợt cao điểm Tết?", [], None),
    ("negative", "Sở Y tế được giao nhiệm vụ gì trong chương trình hành động về cà phê, sầu riêng?", [], None),
]


def main():
    with OUT.open("w", encoding="utf-8") as f:
        for i, (typ, q, gold, answer) in enumerate(Q, 1):
            row = {"id": f"m{i:03d}", "question": q, "type": typ,
                   "gold": [{"doc": d, "evidence": e} for d, e in gold]}
            if answer:
                row["answer"] = answer
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("wrote", OUT, len(Q), "questions")


if __name__ == "__main__":
    main()
