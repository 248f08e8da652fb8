"""Vietnamese labels and hints for every plan field, as the staff guide (Hướng dẫn soạn kế hoạch) gives them.

Which fields exist comes from loaphuong.validation (the schema `check` uses); this module only says how each is
shown. A field the schema gains without an entry here still appears in the form (as a text box labelled with its
key), and tests/test_editor_config.py asks for a label and hint to be written here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldText:
    label: str
    hint: str
    kind: str = "string"  # string | text | date | partial_date | time | number | topics | bool | image | lines | period


PARTIAL_DATE_HINT = "Ngày cụ thể (chọn trên lịch), hoặc cả tháng 2026-05, hoặc cả quý 2026-Q2."

FIELDS: dict[str, FieldText] = {
    "so_hieu": FieldText("Số hiệu", "Như trên văn bản: 173-KH/ĐU (văn bản Đảng) hoặc 12/KH-UBND (văn bản Nhà nước). "
                         "Để trống nếu văn bản không có số."),
    "loai_van_ban": FieldText("Loại văn bản", "Mặc định: Kế hoạch."),
    "trich_yeu": FieldText("Trích yếu", "Trích yếu nội dung, sau chữ \"KẾ HOẠCH\" (bắt buộc).", "text"),
    "co_quan_ban_hanh": FieldText("Cơ quan ban hành", "Ví dụ: Đảng ủy phường Mỹ Thới (bắt buộc)."),
    "co_quan_cap_tren": FieldText("Cơ quan cấp trên", "Dòng cơ quan cấp trên ở góc trái tiêu đề (nếu có)."),
    "dia_danh": FieldText("Địa danh", "Địa danh trước ngày tháng (\"Mỹ Thới, ngày …\")."),
    "ngay_ban_hanh": FieldText("Ngày ban hành", "Như trên văn bản. Để trống nếu văn bản không ghi ngày "
                               "(khi đó phải có ngày đăng).", "date"),
    "ngay_dang": FieldText("Ngày đăng", "Ngày đăng lên cổng; để trống thì bằng ngày ban hành. "
                           "Ngày trong tương lai: chưa hiện cho tới ngày đó.", "date"),
    "nhiem_ky": FieldText("Nhiệm kỳ", "Ví dụ 2025-2030 (số hiệu văn bản Đảng đánh lại từ đầu mỗi nhiệm kỳ)."),
    "nguoi_ky": FieldText("Người ký", "Họ tên người ký văn bản."),
    "chuc_vu": FieldText("Chức vụ", "Ví dụ: Phó Bí thư."),
    "tham_quyen": FieldText("Thẩm quyền ký", "Ví dụ: T/M Ban Thường vụ."),
    "chuyen_muc": FieldText("Chuyên mục", "Một đến ba chuyên trang, chuyên mục trong danh mục (bắt buộc).", "topics"),
    "tom_tat": FieldText("Tóm tắt", "Vài câu, hiện ở danh sách, RSS và khi chia sẻ lên mạng xã hội.", "text"),
    "anh_dai_dien": FieldText("Ảnh đại diện", "Ảnh trong docs/assets/images/; để trống thì tự tạo thẻ ảnh.",
                              "image"),
    "ban_nhap": FieldText("Bản nháp", "Bật: bản nháp, không đăng ở đâu cả (trang, tìm kiếm, RSS, sơ đồ trang). "
                          "Tắt khi sẵn sàng đăng.", "bool"),
    "slug": FieldText("Địa chỉ trang (slug)", "Chữ thường không dấu, số, dấu '-', tối đa 80 ký tự. "
                      "Để trống: tự tạo từ năm và số hiệu (2025-173-kh-du)."),
    "slug_cu": FieldText("Địa chỉ cũ", "Khi đã đổi địa chỉ sau khi đăng: đường dẫn cũ vẫn mở được, "
                         "tự chuyển sang địa chỉ mới.", "lines"),
    "can_cu": FieldText("Căn cứ", "Các văn bản căn cứ (\"Thực hiện …\"), mỗi văn bản một mục."),
    "van_ban_lien_quan": FieldText("Văn bản liên quan", "Các văn bản khác được nhắc tới trong kế hoạch."),
    "doi_tuong": FieldText("Đối tượng", "Đối tượng học tập, tuyên truyền, mỗi đối tượng một mục.", "lines"),
    "su_kien": FieldText("Sự kiện, hội nghị", "Hội nghị, buổi học tập… kế hoạch tổ chức."),
    "thoi_han": FieldText("Thời hạn", "Việc gì, hạn khi nào, ai chịu trách nhiệm."),
    "don_vi_trach_nhiem": FieldText("Đơn vị trách nhiệm", "Đơn vị và nhiệm vụ (phần \"TỔ CHỨC THỰC HIỆN\")."),
    "noi_nhan": FieldText("Nơi nhận", "Mỗi nơi nhận một mục.", "lines"),
    "hoi_dap": FieldText("Hỏi đáp viết tay", "Đứng đầu trang hỏi đáp, thay câu tự sinh cùng chủ đề."),
}

_VAN_BAN = {
    "loai": FieldText("Loại văn bản", "Ví dụ: Chương trình hành động, Nghị quyết."),
    "so_hieu": FieldText("Số hiệu", "Ví dụ: 52-CTr/TU. Cần số hiệu hoặc trích yếu."),
    "ngay": FieldText("Ngày", "Ngày ban hành văn bản.", "date"),
    "co_quan": FieldText("Cơ quan", "Ví dụ: Ban Chấp hành Đảng bộ tỉnh."),
    "trich_yeu": FieldText("Trích yếu", "Nội dung chính của văn bản.", "text"),
}

SUBFIELDS: dict[str, dict[str, FieldText]] = {
    "can_cu": _VAN_BAN,
    "van_ban_lien_quan": _VAN_BAN,
    "su_kien": {
        "ten": FieldText("Tên sự kiện", "Ví dụ: Hội nghị quán triệt cấp phường (bắt buộc)."),
        "ngay": FieldText("Ngày", PARTIAL_DATE_HINT, "partial_date"),
        "den_ngay": FieldText("Đến ngày", "Ngày cuối khi sự kiện kéo dài nhiều ngày (\"từ ngày 20/5 đến 22/5\"); "
                              "một ngày thì để trống.", "date"),
        "gio": FieldText("Giờ", "Dạng 14:00.", "time"),
        "dia_diem": FieldText("Địa điểm", "Ví dụ: Hội trường trụ sở Đảng ủy phường."),
        "hinh_thuc": FieldText("Hình thức", "Trực tiếp hoặc trực tuyến."),
        "chu_tri": FieldText("Chủ trì", "Ví dụ: Thường trực Đảng ủy."),
        "bao_cao_vien": FieldText("Báo cáo viên", "Người trình bày, ví dụ: Đồng chí Trưởng Ban Tuyên giáo."),
        "thanh_phan": FieldText("Thành phần", "Ai dự, ví dụ: bí thư các chi bộ.", "text"),
    },
    "thoi_han": {
        "viec": FieldText("Việc", "Việc phải làm, ví dụ: Báo cáo kết quả học tập (bắt buộc)."),
        "han": FieldText("Hạn", PARTIAL_DATE_HINT, "partial_date"),
        "tu_ngay": FieldText("Từ ngày", "Khi văn bản ghi \"từ … đến …\": ngày bắt đầu; hạn là ngày kết thúc.", "date"),
        "lap_lai": FieldText("Lặp lại", "Việc định kỳ (hằng năm, 6 tháng, hằng quý, hằng tháng): chọn chu kỳ "
                             "và để trống Hạn.", "period"),
        "ngay_lap": FieldText("Ngày lặp lại", "Ngày văn bản ghi cho việc định kỳ: \"15/12\" (hằng năm), "
                              "\"20\" (hằng tháng); không ghi thì để trống."),
        "chiu_trach_nhiem": FieldText("Chịu trách nhiệm", "Đơn vị, người chịu trách nhiệm."),
    },
    "don_vi_trach_nhiem": {
        "don_vi": FieldText("Đơn vị", "Ví dụ: Ban Xây dựng Đảng (bắt buộc)."),
        "nhiem_vu": FieldText("Nhiệm vụ", "Mỗi nhiệm vụ một mục.", "lines"),
    },
    "hoi_dap": {
        "hoi": FieldText("Câu hỏi", "Ví dụ: Hội nghị cấp phường tổ chức khi nào? (bắt buộc)"),
        "dap": FieldText("Trả lời", "Trả lời theo đúng kế hoạch (bắt buộc).", "text"),
        "muc": FieldText("Mục", "Mục của kế hoạch làm nguồn, ví dụ III.1."),
    },
}
