#!/usr/bin/env python3
"""Write bench/dev5/questions.jsonl (ids g001… in table order). Run: python3 bench/dev5/build/make_questions.py"""

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "questions.jsonl"
NQ = "nghi-quyet-06-nq-tu-2025.pdf"
KH = "ke-hoach-19-kh-tu-2025.docx"
CV = "cong-van-233-cv-tu-2026.txt"
HD = "huong-dan-02-hd-btctu-2025.txt"
TB = "thong-bao-ket-luan-41-tb-tu-2025.pdf"
BC = "bao-cao-112-bc-mttq-2025.md"
XA = "ke-hoach-24-kh-du-na-lan-2025.txt"
SP = "dien-van-khai-mac-le-hoi-long-tong-thang-po-2026.txt"

# (type, question, [(doc, evidence), ...], answer or None)
Q = [
    # --- task (10)
    (
        "task",
        "Đảng ủy các xã có rừng phải làm gì trong cao điểm mùa khô dịp Tết Bính Ngọ, cấm đốt nương đến bao giờ?",
        [(CV, "tạm dừng đốt nương, đốt thực bì từ ngày 01/02/2026 đến ngày 15/4/2026")],
        None,
    ),
    (
        "task",
        "ĐU CA tỉnh chủ trì việc gì trong kế hoạch thực hiện NQ 06 về rừng?",
        [(KH, "Điều tra, xử lý các vụ phá rừng, vận chuyển lâm sản trái phép")],
        None,
    ),
    (
        "task",
        "Tỉnh đoàn được giao lập đội gì để chữa cháy rừng, hạn chót khi nào?",
        [(KH, "Thành lập đội thanh niên xung kích chữa cháy rừng ở các xã trọng điểm")],
        None,
    ),
    (
        "task",
        "Xã để xảy ra cháy rừng thì phải báo lên Thường trực Tỉnh ủy trong mấy tiếng?",
        [(CV, "Khi xảy ra cháy phải báo cáo Thường trực Tỉnh ủy trong vòng 02 giờ")],
        None,
    ),
    (
        "task",
        "Đại hội xong thì đảng ủy xã phải nộp báo cáo kết quả và biên bản bầu cử cho ai, chậm nhất mấy ngày?",
        [(HD, "Chậm nhất 05 ngày làm việc sau khi bế mạc, đảng ủy xã, phường gửi báo cáo")],
        None,
    ),
    (
        "task",
        "Đảng ủy xã Phìn Hồ phải đưa tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình lên bao nhiêu, hạn khi nào?",
        [(TB, "nâng tỷ lệ hồ sơ trực tuyến toàn trình lên ít nhất 70% trước ngày 30/6/2026")],
        None,
    ),
    (
        "task",
        "Đồn BP Nà Lạn phải làm gì trong kế hoạch phòng, chống ma túy năm 2026 của xã?",
        [
            (XA, "mỗi cán bộ đồn nhận đỡ đầu ít nhất một người sau cai nghiện, giúp tìm việc làm"),
            (XA, "Đồn Biên phòng Nà Lạn duy trì tổ công tác tại hai thôn Nặm Tẩu, Pù Lìn"),
        ],
        None,
    ),
    (
        "task",
        "Xã Phìn Hồ phải giao mặt bằng xây trường nội trú liên cấp cho Sở GD&ĐT trước ngày nào?",
        [(TB, "bàn giao mặt bằng sạch xây Trường phổ thông nội trú liên cấp Phìn Hồ trước ngày 31/12/2025")],
        None,
    ),
    (
        "task",
        "BTGDVTU phải làm gì để tuyên truyền phòng cháy rừng cho đồng bào dịp Tết?",
        [
            (
                CV,
                "phát thông điệp phòng cháy rừng bằng tiếng Mông, tiếng Dao trên hệ thống loa truyền thanh các xã",
            )
        ],
        None,
    ),
    (
        "task",
        "Các đơn vị được phân công ở KH 19-KH/TU phải gửi báo cáo 6 tháng và báo cáo năm trước ngày nào?",
        [(KH, "Báo cáo 6 tháng gửi trước ngày 12/6, báo cáo năm gửi trước ngày 12/11 hằng năm")],
        None,
    ),
    # --- passage (8)
    (
        "passage",
        'Câu "rừng còn thì mó nước còn" là ai nói, trong dịp nào?',
        [(SP, "rừng còn thì mó nước còn, mó nước còn thì ruộng còn, ruộng còn thì bản còn no")],
        None,
    ),
    (
        "passage",
        "Có lãnh đạo tỉnh nào nói lễ hội không phải để các bản thi nhau làm cỗ to không?",
        [(SP, "chứ không phải để ganh nhau mâm cao cỗ đầy")],
        None,
    ),
    (
        "passage",
        "Tìm đoạn nói nhà mới chỉ bền khi gia đình có kế sinh nhai và con cái được đi học",
        [(SP, "Ngôi nhà mới chỉ thật sự vững khi trong nhà có sinh kế, có con cháu được học hành")],
        None,
    ),
    (
        "passage",
        "Làm lại nhà mới thì mỗi hộ được hỗ trợ bao nhiêu tiền, sửa nhà thì bao nhiêu?",
        [(BC, "mức hỗ trợ 60 triệu đồng mỗi căn xây mới và 30 triệu đồng mỗi căn sửa chữa")],
        None,
    ),
    (
        "passage",
        "Bí thư xã để rừng cháy bao nhiêu héc-ta thì bị kiểm điểm?",
        [(NQ, "để xảy ra cháy trên 5 ha hoặc phá rừng trái phép trên 1 ha")],
        None,
    ),
    (
        "passage",
        "Vụ cháy rừng ở Tả Ngảo hồi tháng Giêng thiêu mất bao nhiêu rừng?",
        [
            (CV, "tại thôn Séo Phìn, xã Tả Ngảo thiêu rụi 11,2 ha rừng phòng hộ"),
            (SP, "Đầu năm nay lửa đã thiêu mất hơn mười héc-ta rừng ở Tả Ngảo"),
        ],
        None,
    ),
    (
        "passage",
        "Ở Nà Lạn người nghiện muốn uống thuốc methadone thay thế thì có được cấp thuốc tại xã không?",
        [(XA, "Trạm Y tế xã tổ chức điều trị nghiện bằng thuốc thay thế cho người tự nguyện")],
        None,
    ),
    (
        "passage",
        "Ai nói mang hàng thuê được vài đồng nhưng mất cả đời người, mất danh dự dòng họ?",
        [(SP, "nhưng đổi lại là cả một đời người và danh dự của dòng họ")],
        None,
    ),
    # --- metadata (6)
    (
        "metadata",
        "Nghị quyết của BTV Tỉnh ủy về bảo vệ rừng và PCCCR số mấy, ban hành ngày nào?",
        [
            (NQ, "Lũng Sơn, ngày 12 tháng 8 năm 2025 Số 06-NQ/TU"),
            (KH, "thực hiện Nghị quyết số 06-NQ/TU ngày 12/8/2025 của Ban Thường vụ Tỉnh ủy"),
        ],
        "06-NQ/TU, ngày 12/8/2025",
    ),
    (
        "metadata",
        "Ai ký công văn 233 về phòng cháy rừng dịp Tết?",
        [(CV, "PHÓ BÍ THƯ (đã ký) Ma Văn Khởi")],
        "Ma Văn Khởi, Phó Bí thư Tỉnh ủy (T/M Ban Thường vụ)",
    ),
    (
        "metadata",
        "Thông báo kết luận sau buổi Bí thư Tỉnh ủy xuống xã Phìn Hồ số mấy, ngày nào?",
        [(TB, "Lũng Sơn, ngày 18 tháng 11 năm 2025 Số 41-TB/TU")],
        "41-TB/TU, ngày 18/11/2025",
    ),
    (
        "metadata",
        "Sau hợp nhất tỉnh Lũng Sơn có bao nhiêu xã, phường, mấy xã biên giới?",
        [(NQ, "tỉnh Lũng Sơn có 86 xã và 7 phường, trong đó 17 xã biên giới")],
        "86 xã, 7 phường; 17 xã biên giới",
    ),
    (
        "metadata",
        "Diễn văn khai mạc Lễ hội Lồng Tồng do ai đọc, ở đâu, ngày nào?",
        [
            (SP, "Xã Thàng Pò, ngày 01 tháng 3 năm 2026"),
            (SP, "Của đồng chí Ma Văn Khởi, Phó Bí thư Tỉnh ủy, Chủ tịch Ủy ban nhân dân tỉnh"),
        ],
        "Ma Văn Khởi (Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh), xã Thàng Pò, ngày 01/3/2026",
    ),
    (
        "metadata",
        "Hướng dẫn của BTCTU về đại hội đảng bộ xã, phường nhiệm kỳ 2025-2030 do ai ký?",
        [(HD, "PHÓ TRƯỞNG BAN (đã ký) Sầm Thị Loan")],
        "Sầm Thị Loan, Phó Trưởng ban Tổ chức Tỉnh ủy (K/T Trưởng ban)",
    ),
    # --- cross_doc (5)
    (
        "cross_doc",
        "Văn bản nào triển khai Nghị quyết 06-NQ/TU?",
        [(KH, "thực hiện Nghị quyết số 06-NQ/TU ngày 12/8/2025 của Ban Thường vụ Tỉnh ủy")],
        None,
    ),
    (
        "cross_doc",
        "Công văn 233-CV/TU về phòng cháy rừng thực hiện kế hoạch nào?",
        [(CV, "Thực hiện Kế hoạch số 19-KH/TU ngày 08/9/2025 của Ban Thường vụ Tỉnh ủy")],
        None,
    ),
    (
        "cross_doc",
        "Nghị quyết 06 về rừng của Tỉnh ủy Lũng Sơn căn cứ vào chỉ thị nào của Trung ương?",
        [(NQ, "Căn cứ Chỉ thị số 13-CT/TW ngày 12/01/2017 của Ban Bí thư")],
        None,
    ),
    (
        "cross_doc",
        "Kế hoạch phòng chống ma túy của xã Nà Lạn thực hiện thông báo nào của Tỉnh ủy, thông báo đó nói gì về thôn không ma túy?",
        [
            (XA, "thực hiện Thông báo số 41-TB/TU ngày 18/11/2025 của Tỉnh ủy"),
            (TB, "xây dựng mô hình thôn không ma túy, làm điểm tại thôn Khuổi Lầy"),
        ],
        None,
    ),
    (
        "cross_doc",
        "Bài diễn văn ở lễ hội Lồng Tồng Thàng Pò có nhắc tới nghị quyết nào của Tỉnh ủy không?",
        [(SP, "Năm qua cả tỉnh đã có Nghị quyết của Ban Thường vụ Tỉnh ủy về giữ rừng")],
        None,
    ),
    # --- unaccented (5)
    (
        "unaccented",
        "Dang uy cac xa co rung phai tam dung dot nuong den ngay nao?",
        [(CV, "tạm dừng đốt nương, đốt thực bì từ ngày 01/02/2026 đến ngày 15/4/2026")],
        None,
    ),
    (
        "unaccented",
        "DU CA tinh chu tri viec gi trong KH 19 thuc hien NQ 06?",
        [(KH, "Điều tra, xử lý các vụ phá rừng, vận chuyển lâm sản trái phép")],
        None,
    ),
    (
        "unaccented",
        "cau rung con thi mo nuoc con la cua ai",
        [(SP, "rừng còn thì mó nước còn, mó nước còn thì ruộng còn, ruộng còn thì bản còn no")],
        None,
    ),
    (
        "unaccented",
        "Thong bao ket luan lam viec voi xa Phin Ho so may, ngay nao?",
        [(TB, "Lũng Sơn, ngày 18 tháng 11 năm 2025 Số 41-TB/TU")],
        None,
    ),
    (
        "unaccented",
        "Dai hoi dang bo xa to chuc toi da may ngay?",
        [(HD, "Thời gian đại hội không quá 01 ngày rưỡi, kể cả phiên trù bị")],
        None,
    ),
    # --- negative (16)
    ("negative", "Nghị quyết 06-NQ/TU đặt chỉ tiêu che phủ rừng năm 2035 là bao nhiêu?", [], None),
    ("negative", "Bí thư Tỉnh ủy về làm việc ở xã Nà Lạn thì kết luận giao những việc gì?", [], None),
    ("negative", 'Câu "giữ rừng là giữ mạch nước, giữ biên cương" là của lãnh đạo nào, nói ở đâu?', [], None),
    ("negative", "Theo Luật Lâm nghiệp 2017, chặt phá rừng phòng hộ bị phạt bao nhiêu tiền?", [], None),
    ("negative", "Báo cáo sơ kết 2 năm thực hiện NQ 06-NQ/TU đánh giá kết quả ra sao?", [], None),
    ("negative", "KH 19-KH/TU giao Hội Cựu chiến binh tỉnh nhiệm vụ gì?", [], None),
    ("negative", "Năm 2024 Ủy ban MTTQ tỉnh hỗ trợ xây bao nhiêu căn nhà đại đoàn kết?", [], None),
    ("negative", "Trường phổ thông nội trú liên cấp xã Nà Lạn khởi công khi nào?", [], None),
    (
        "negative",
        "Tiền dịch vụ môi trường rừng chi trả cho hộ nhận khoán là bao nhiêu đồng một héc-ta một năm?",
        [],
        None,
    ),
    (
        "negative",
        "Đại hội đại biểu Đảng bộ tỉnh Lũng Sơn lần thứ nhất nhiệm kỳ 2025-2030 diễn ra khi nào?",
        [],
        None,
    ),
    ("negative", "Sở Y tế cử bác sĩ luân phiên về Trạm Y tế xã Thàng Pò từ khi nào?", [], None),
    ("negative", "Năm 2024 xã Nà Lạn có bao nhiêu người nghiện ma túy?", [], None),
    (
        "negative",
        "Quy chế phối hợp giữa Công an tỉnh và BĐBP tỉnh về phòng chống ma túy vùng biên quy định gì?",
        [],
        None,
    ),
    ("negative", "Lễ hội Gầu Tào xã Phìn Hồ năm 2026 tổ chức vào ngày nào?", [], None),
    ("negative", "Camera cảnh báo cháy rừng đợt 2 sẽ lắp ở bao nhiêu điểm?", [], None),
    ("negative", "Cán bộ, công chức được nghỉ Tết Nguyên đán Bính Ngọ 2026 mấy ngày?", [], None),
]


def main():
    with OUT.open("w", encoding="utf-8") as f:
        for i, (typ, question, gold, answer) in enumerate(Q, 1):
            q = {
                "id": f"g{i:03d}",
                "question": question,
                "type": typ,
                "gold": [{"doc": d, "evidence": e} for d, e in gold],
            }
            if answer:
                q["answer"] = answer
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    print(f"wrote {len(Q)} questions to {OUT}")


if __name__ == "__main__":
    main()
