"""The demo portal's sections, fixed pages, articles and accounts, in Vietnamese.

Facts come from the seed plans; where an instrument they cite was since replaced (the 2021
social-network code of conduct, by QĐ 423/QĐ-BVHTTDL of 2026), the text says so.
"""

from editorial import roles

AGENCY = {
    "name": "Ủy ban nhân dân phường Ba Đình",
    "short_name": "UBND phường Ba Đình",
    "level": "commune",
    "parent_agency": "Thành phố Hà Nội",
    "portal_name": "Cổng thông tin điện tử",
    "address": "Phường Ba Đình, thành phố Hà Nội (địa chỉ mẫu)",
    "phone": "024 0000 0000",
    "email": "congthongtin@example.gov.vn",
    "responsible_person": "Chánh Văn phòng HĐND và UBND phường (dữ liệu mẫu)",
    "licence": "Dữ liệu trình diễn – không phải cổng thông tin chính thức.",
}

HOME = {
    "title": "Trang chủ",
    "slug": "trang-chu",
    "intro": (
        "Thông tin chính thống, được kiểm chứng trước khi xuất bản, về hoạt động của chính quyền "
        "và đời sống của phường."
    ),
}

# slug, title, intro, parent slug (None = under home), colour of the demo images
SECTIONS = [
    (
        "tin-tuc-su-kien",
        "Tin tức - Sự kiện",
        "Tin hoạt động của chính quyền, các đoàn thể và đời sống dân cư trên địa bàn.",
        None,
    ),
    (
        "van-hoa-ung-xu-tren-moi-truong-mang",
        "Văn hóa ứng xử trên môi trường mạng",
        "Chuyên mục tuyên truyền nâng cao ý thức, trách nhiệm của cộng đồng khi tham gia môi "
        "trường mạng, theo Kế hoạch 113/KH-UBND năm 2018 và Kế hoạch 287/KH-UBND năm 2021.",
        None,
    ),
    (
        "bo-quy-tac-ung-xu",
        "Bộ quy tắc ứng xử trên môi trường số",
        "Các bộ quy tắc ứng xử hiện hành và đã được thay thế, với tình trạng hiệu lực rõ ràng.",
        "van-hoa-ung-xu-tren-moi-truong-mang",
    ),
    (
        "ky-nang-su-dung-internet-an-toan",
        "Kỹ năng sử dụng Internet an toàn",
        "Hướng dẫn từng bước cho học sinh, giáo viên và người dân: nhận diện lừa đảo, bảo vệ tài "
        "khoản, kiểm chứng thông tin trước khi chia sẻ.",
        "van-hoa-ung-xu-tren-moi-truong-mang",
    ),
    (
        "bao-ve-tre-em-tren-moi-truong-mang",
        "Bảo vệ trẻ em trên môi trường mạng",
        "Nhận diện, thông báo, tố giác hành vi xâm hại trẻ em trên không gian mạng; địa chỉ hỗ "
        "trợ, trong đó có Tổng đài quốc gia bảo vệ trẻ em 111.",
        "van-hoa-ung-xu-tren-moi-truong-mang",
    ),
    (
        "chinh-quyen-so",
        "Chính quyền số",
        "Chuyển đổi số, an toàn thông tin và quản lý nhà nước về thông tin trên mạng.",
        None,
    ),
    (
        "giao-duc",
        "Giáo dục",
        "Hoạt động của ngành giáo dục trên địa bàn, trong đó có giáo dục kỹ năng số cho học sinh.",
        None,
    ),
    (
        "nguoi-tot-viec-tot",
        "Người tốt, việc tốt",
        "Biểu dương gương người tốt, việc tốt, những hành động đẹp trên môi trường mạng và trong "
        "đời sống, gắn với xây dựng người Hà Nội thanh lịch, văn minh.",
        None,
    ),
]

STANDARD_PAGES = [
    (
        "gioi-thieu",
        "Giới thiệu",
        None,
        "Giới thiệu chung về phường và Cổng thông tin điện tử.",
        [
            "Cổng thông tin điện tử là kênh cung cấp thông tin chính thống của chính quyền phường "
            "tới người dân, tổ chức và doanh nghiệp trên địa bàn.",
            "Từ ngày 01/7/2025, tổ chức chính quyền địa phương hai cấp được thực hiện; tên, cấp và "
            "thông tin liên hệ của cơ quan chủ quản được quản trị viên cập nhật trong phần cài đặt "
            "của hệ thống, không cố định trong mã nguồn.",
            "Mọi tin bài đăng trên Cổng đều được biên tập viên và trưởng ban biên tập kiểm chứng, "
            "phê duyệt trước khi xuất bản: kiểm chứng trước, xuất bản sau.",
        ],
    ),
    (
        "lien-he",
        "Liên hệ",
        "gioi-thieu",
        "Thông tin liên hệ Ban biên tập Cổng thông tin điện tử.",
        [
            "Mọi ý kiến đóng góp, phản ánh về nội dung thông tin xin gửi về Ban biên tập qua thư "
            "điện tử hoặc điện thoại ghi ở chân trang.",
            "Phát hiện thông tin xấu, độc trên mạng, người dân có thể phản ánh để cơ quan có thẩm "
            "quyền xem xét, xử lý theo quy định.",
        ],
    ),
]

USERS = [
    (roles.REPORTERS, "Nguyễn Văn", "An", "Phóng viên"),
    (roles.EDITORS, "Trần Thị", "Bình", "Biên tập viên"),
    (roles.CHIEF_EDITORS, "Lê Văn", "Cường", "Trưởng ban biên tập"),
    (roles.AUDITORS, "Phạm Thị", "Dung", "Kiểm tra viên"),
    (roles.ADMINISTRATORS, "Hoàng Văn", "Em", "Quản trị hệ thống"),
]

# Each article: slug, section slug, title, lead, paragraphs, tags, source, date (YYYY-MM-DD),
# image colour (or None), highlight on the home page.
ARTICLES = [
    {
        "slug": "trien-khai-ke-hoach-nang-cao-y-thuc-trach-nhiem-cong-dong-tren-moi-truong-mang",
        "section": "van-hoa-ung-xu-tren-moi-truong-mang",
        "title": "Triển khai kế hoạch nâng cao ý thức trách nhiệm cộng đồng khi tham gia môi "
        "trường mạng",
        "lead": "Kế hoạch 113/KH-UBND yêu cầu tuyên truyền đa dạng, có trọng tâm, phù hợp với "
        "từng đối tượng, nhằm tạo chuyển biến từ nhận thức đến trách nhiệm của mỗi cá nhân, tổ "
        "chức khi cung cấp, sử dụng thông tin trên mạng.",
        "paragraphs": [
            "Ngày 23/4/2018, Ủy ban nhân dân (UBND) quận Ba Đình ban hành Kế hoạch số "
            "113/KH-UBND tuyên truyền các giải pháp nhằm nâng cao ý thức trách nhiệm cộng "
            "đồng khi tham gia môi trường mạng, "
            "thực hiện Kế hoạch số 07/KH-UBND ngày 05/01/2018 của UBND thành phố Hà Nội.",
            "Kế hoạch tập trung vào cán bộ, đảng viên, công chức, viên chức, đoàn viên, hội viên "
            "và cả cộng đồng, nhất là các nhóm thường xuyên tham gia và có ảnh hưởng trên mạng xã "
            "hội; đồng thời nâng cao chất lượng cung cấp thông tin trên Cổng thông tin điện tử, "
            "tạo môi trường thông tin chính thống, lành mạnh.",
            "Các đơn vị được yêu cầu đa dạng hóa hình thức tuyên truyền: nói chuyện chuyên đề, "
            "hướng dẫn kỹ năng khai thác thông tin và ứng xử văn hóa trên môi trường mạng, phổ "
            "biến giáo dục pháp luật trên hệ thống thông tin cơ sở.",
        ],
        "quote": (
            "Lên án, phê phán những hành vi lợi dụng Internet để tuyên truyền các quan điểm "
            "sai trái; cổ vũ, ngợi khen những việc làm, mô hình làm lành mạnh hóa môi "
            "trường thông tin trên mạng.",
            "Kế hoạch 113/KH-UBND",
        ),
        "tags": ["môi trường mạng", "tuyên truyền", "kế hoạch"],
        "source": (
            "agency_document",
            "Kế hoạch 113/KH-UBND ngày 23/4/2018 của UBND quận Ba Đình",
            "",
        ),
        "date": "2018-04-25",
        "image": (165, 30, 30),
        "highlight": True,
    },
    {
        "slug": "ha-noi-xay-dung-van-hoa-ung-xu-tren-khong-gian-mang-giai-doan-2021-2025",
        "section": "van-hoa-ung-xu-tren-moi-truong-mang",
        "title": "Hà Nội xây dựng văn hóa ứng xử trên không gian mạng giai đoạn 2021 - 2025",
        "lead": "Kế hoạch 287/KH-UBND của UBND Thành phố hướng tới hình thành thói quen tích "
        "cực của người sử dụng trên không gian mạng, ngăn chặn thông tin xấu độc và lan tỏa giá "
        "trị văn hóa tốt đẹp của Thủ đô.",
        "paragraphs": [
            "Ngày 14/12/2021, UBND thành phố Hà Nội ban hành Kế hoạch số 287/KH-UBND về xây dựng "
            "văn hóa ứng xử trên không gian mạng của Thành phố giai đoạn 2021 - 2025.",
            "Kế hoạch đặt mục đích từng bước xây dựng chuẩn mực văn hóa ứng xử, lên án các hành "
            "vi đi ngược lại lợi ích cộng đồng, lợi ích quốc gia, góp phần xây dựng môi trường "
            "mạng an toàn, lành mạnh.",
            "Các giải pháp gồm: đa dạng hóa hình thức tuyên truyền trên báo chí và nền tảng "
            "truyền thông mới; tổ chức cuộc thi trực tuyến; phổ biến kỹ năng tham gia môi trường "
            "mạng an toàn cho học sinh, sinh viên; tăng cường kiểm tra, rà soát thông tin trên "
            "không gian mạng.",
        ],
        "tags": ["không gian mạng", "văn hóa ứng xử", "kế hoạch"],
        "source": (
            "agency_document",
            "Kế hoạch 287/KH-UBND ngày 14/12/2021 của UBND thành phố Hà Nội",
            "",
        ),
        "date": "2021-12-16",
        "image": (20, 90, 150),
        "highlight": True,
    },
    {
        "slug": "bo-quy-tac-ung-xu-van-hoa-tren-moi-truong-so-thay-the-bo-quy-tac-2021",
        "section": "bo-quy-tac-ung-xu",
        "title": "Bộ Quy tắc ứng xử văn hóa trên môi trường số thay thế Bộ Quy tắc ứng xử trên "
        "mạng xã hội năm 2021",
        "lead": "Quyết định 423/QĐ-BVHTTDL năm 2026 ban hành Bộ Quy tắc ứng xử văn hóa trên "
        "môi trường số, thay thế Bộ Quy tắc ứng xử trên mạng xã hội ban hành kèm theo Quyết "
        "định 874/QĐ-BTTTT năm 2021.",
        "paragraphs": [
            "Kế hoạch 287/KH-UBND năm 2021 của Thành phố yêu cầu tuyên truyền về Bộ Quy tắc ứng "
            "xử trên mạng xã hội do Bộ Thông tin và Truyền thông ban hành (Quyết định 874/QĐ-BTTTT "
            "ngày 17/6/2021).",
            "Bộ quy tắc đó nay đã được thay thế bởi Bộ Quy tắc ứng xử văn hóa trên môi trường số "
            "ban hành kèm theo Quyết định 423/QĐ-BVHTTDL năm 2026. Khi tuyên truyền, các cơ quan, "
            "đơn vị và người dân cần căn cứ văn bản hiện hành.",
            "Chuyên mục này trình bày các bộ quy tắc với tình trạng hiệu lực được ghi rõ, để bạn "
            "đọc không nhầm lẫn quy tắc đã được thay thế với quy tắc đang có hiệu lực.",
        ],
        "tags": ["bộ quy tắc ứng xử", "môi trường số", "văn bản mới"],
        "source": (
            "agency_document",
            "Quyết định 423/QĐ-BVHTTDL năm 2026 của Bộ Văn hóa, Thể thao và Du lịch",
            "",
        ),
        "date": "2026-03-10",
        "image": (110, 40, 120),
        "highlight": True,
    },
    {
        "slug": "canh-giac-voi-tap-tin-duong-dan-la-gui-qua-ung-dung-nhan-tin",
        "section": "ky-nang-su-dung-internet-an-toan",
        "title": "Cảnh giác với tập tin, đường dẫn lạ gửi qua ứng dụng nhắn tin",
        "lead": "Không mở tập tin hay đường dẫn lạ gửi qua Facebook Messenger, Zalo, Viber hoặc "
        "thư điện tử; thận trọng khi đăng tải thông tin, hình ảnh của cá nhân, cơ quan lên mạng "
        "xã hội.",
        "paragraphs": [
            "Kế hoạch 113/KH-UBND nhắc các cơ quan, đơn vị cảnh giác và không mở các tập tin hay "
            "đường dẫn lạ được gửi qua Facebook Messenger hay bất kỳ ứng dụng truyền thông báo "
            "khác như Viber, Zalo, thư điện tử.",
            "Trước khi bấm vào một đường dẫn, hãy kiểm tra địa chỉ trang web, người gửi và nội "
            "dung tin nhắn. Đường dẫn rút gọn, lời mời trúng thưởng, thông báo khóa tài khoản "
            "khẩn cấp là những dấu hiệu thường gặp của lừa đảo.",
            "Khi nghi ngờ, hãy liên hệ trực tiếp người gửi bằng kênh khác, và báo cho bộ phận "
            "phụ trách công nghệ thông tin của cơ quan.",
        ],
        "tags": ["an toàn thông tin", "lừa đảo trực tuyến", "kỹ năng số"],
        "source": ("original", "", ""),
        "date": "2025-10-02",
        "image": (200, 120, 20),
    },
    {
        "slug": "noi-chuyen-chuyen-de-ung-xu-van-hoa-tren-moi-truong-mang-cho-hoc-sinh",
        "section": "giao-duc",
        "title": "Nói chuyện chuyên đề ứng xử văn hóa trên môi trường mạng cho học sinh",
        "lead": "Các trường trung học cơ sở, trung học phổ thông và trung tâm giáo dục nghề "
        "nghiệp - giáo dục thường xuyên tổ chức nói chuyện chuyên đề về kỹ năng khai thác thông "
        "tin và ứng xử văn hóa trên mạng.",
        "paragraphs": [
            "Theo kế hoạch, ngành giáo dục chủ trì tuyên truyền, nâng cao nhận thức và trách "
            "nhiệm trong việc cung cấp, sử dụng thông tin trên môi trường mạng cho học sinh, giáo "
            "viên.",
            "Các buổi nói chuyện giúp học sinh có kỹ năng sử dụng Internet an toàn, hiệu quả, "
            "hạn chế rủi ro khi chia sẻ, cung cấp thông tin trên mạng.",
        ],
        "tags": ["học sinh", "kỹ năng số", "tuyên truyền"],
        "source": ("original", "", ""),
        "date": "2025-11-12",
        "image": (30, 130, 80),
    },
    {
        "slug": "trang-bi-cho-hoc-sinh-ky-nang-tu-bao-ve-tren-khong-gian-mang",
        "section": "bao-ve-tre-em-tren-moi-truong-mang",
        "title": "Trang bị cho học sinh kỹ năng tự bảo vệ trên không gian mạng",
        "lead": "Học sinh cần nhận thức được nguy cơ, rủi ro trên không gian mạng, biết kỹ năng "
        "tự bảo vệ và địa chỉ hỗ trợ khi gặp vấn đề, trong đó có Tổng đài quốc gia bảo vệ trẻ em "
        "111.",
        "paragraphs": [
            "Kế hoạch 287/KH-UBND yêu cầu trang bị cho học sinh, sinh viên nhận thức về các nguy "
            "cơ, rủi ro trên không gian mạng, kỹ năng tự bảo vệ, địa chỉ cung cấp sự hỗ trợ.",
            "Học sinh được hướng dẫn cách nhận diện, thông báo, tố giác hành vi xâm hại trẻ em "
            "trên không gian mạng. Khi cần hỗ trợ, hãy gọi Tổng đài quốc gia bảo vệ trẻ em 111 "
            "(miễn phí, 24/7).",
        ],
        "tags": ["bảo vệ trẻ em", "học sinh", "kỹ năng số"],
        "source": ("original", "", ""),
        "date": "2026-01-08",
        "image": (40, 110, 170),
    },
    {
        "slug": "tuyen-truyen-van-hoa-ung-xu-tren-bang-dien-tu-tai-chung-cu-toa-nha",
        "section": "tin-tuc-su-kien",
        "title": "Tuyên truyền văn hóa ứng xử trên bảng điện tử tại chung cư, tòa nhà văn phòng",
        "lead": "Nội dung, hình ảnh trực quan về văn hóa ứng xử trên không gian mạng được đưa lên "
        "hệ thống bảng điện tử tại khu chung cư, tòa nhà văn phòng và địa điểm công cộng.",
        "paragraphs": [
            "Một trong những giải pháp của Kế hoạch 287/KH-UBND là xây dựng nội dung, hình ảnh "
            "trực quan sinh động để tuyên truyền trên hệ thống bảng điện tử quảng cáo tại các khu "
            "chung cư, tòa nhà văn phòng, ngoài trời, địa điểm công cộng.",
            "Cổng thông tin điện tử cung cấp nguồn tin đã được kiểm chứng cho các bảng điện tử "
            "này, bảo đảm thông tin hiển thị là thông tin chính thống.",
        ],
        "tags": ["bảng điện tử", "tuyên truyền", "văn hóa ứng xử"],
        "source": ("original", "", ""),
        "date": "2026-05-20",
        "image": (0, 120, 120),
    },
    {
        "slug": "tap-huan-ky-nang-viet-tin-bai-cho-can-bo-cong-thong-tin-dien-tu",
        "section": "chinh-quyen-so",
        "title": "Tập huấn kỹ năng viết tin bài cho cán bộ phụ trách Cổng thông tin điện tử",
        "lead": "Cán bộ phụ trách viết tin bài được tập huấn kiến thức, kỹ năng nghiệp vụ để "
        "cung cấp tới người dân những thông tin chính thống, không để các đối tượng xấu lợi dụng "
        "xuyên tạc.",
        "paragraphs": [
            "Kế hoạch 113/KH-UBND yêu cầu tổ chức đào tạo, tập huấn kiến thức, kỹ năng viết tin "
            "bài cho cán bộ phụ trách Cổng thông tin điện tử và bản tin của địa phương.",
            "Lớp tập huấn nhấn mạnh quy trình kiểm duyệt, kiểm soát thông tin, nhất là thông tin "
            "từ mạng xã hội, trước khi đăng tải.",
        ],
        "tags": ["tập huấn", "cổng thông tin điện tử"],
        "source": ("original", "", ""),
        "date": "2025-09-18",
        "image": (90, 90, 90),
    },
    {
        "slug": "ra-soat-khac-phuc-diem-yeu-an-toan-thong-tin-tai-co-quan-don-vi",
        "section": "chinh-quyen-so",
        "title": "Rà soát, khắc phục điểm yếu an toàn thông tin tại cơ quan, đơn vị",
        "lead": "Các cơ quan, đơn vị thực hiện nghiêm quy chế bảo đảm an toàn thông tin, khẩn "
        "trương rà soát và khắc phục điểm yếu cho toàn bộ hệ thống công nghệ thông tin.",
        "paragraphs": [
            "Việc rà soát thực hiện theo hướng dẫn xây dựng quy chế an toàn thông tin trong hoạt "
            "động ứng dụng công nghệ thông tin của cơ quan nhà nước (Quyết định số 411/QĐ-UBND "
            "ngày 27/01/2015 của UBND thành phố Hà Nội).",
            "Mỗi cơ quan cần có danh mục hệ thống, người phụ trách, và kế hoạch khắc phục điểm "
            "yếu với thời hạn cụ thể.",
        ],
        "tags": ["an toàn thông tin", "chuyển đổi số"],
        "source": (
            "agency_document",
            "Quyết định 411/QĐ-UBND ngày 27/01/2015 của UBND thành phố Hà Nội",
            "",
        ),
        "date": "2025-08-05",
        "image": (60, 60, 140),
    },
    {
        "slug": "phat-dong-cuoc-thi-viet-ve-hanh-dong-dep-tren-moi-truong-mang",
        "section": "nguoi-tot-viec-tot",
        "title": "Phát động cuộc thi viết về hành động đẹp trên môi trường mạng",
        "lead": "Cuộc thi trực tuyến khuyến khích đoàn viên, thanh thiếu niên kể lại những hành "
        "động đẹp, lan tỏa thông tin tích cực trên mạng.",
        "paragraphs": [
            "Hưởng ứng Kế hoạch 287/KH-UBND, các tổ chức, đoàn thể phát động cuộc thi viết về "
            "các hành động đẹp khi tham gia môi trường mạng.",
            "Bài dự thi kể về những việc làm tử tế: giúp đỡ người gặp khó khăn, lên tiếng trước "
            "thông tin sai sự thật, chia sẻ kiến thức hữu ích.",
        ],
        "tags": ["người tốt việc tốt", "cuộc thi", "thông tin tích cực"],
        "source": ("original", "", ""),
        "date": "2026-04-02",
        "image": (190, 60, 90),
    },
    {
        "slug": "nguoi-dan-tra-lai-vi-tien-cho-nguoi-danh-roi",
        "section": "nguoi-tot-viec-tot",
        "title": "Người dân trả lại ví tiền cho người đánh rơi",
        "lead": "Câu chuyện được chia sẻ trên mạng xã hội đã được Ban biên tập kiểm chứng với "
        "công an phường và người trong cuộc trước khi đăng tải.",
        "paragraphs": [
            "Một người dân trên địa bàn nhặt được ví có tiền và giấy tờ, đã chủ động liên hệ công "
            "an phường để trả lại người đánh rơi.",
            "Thông tin ban đầu xuất hiện trên mạng xã hội. Theo quy trình của Cổng, thông tin từ "
            "mạng xã hội chỉ được đăng sau khi đã được kiểm chứng với ít nhất hai nguồn độc lập.",
        ],
        "tags": ["người tốt việc tốt", "kiểm chứng thông tin"],
        "source": (
            "social_network",
            "Bài đăng trên Facebook của một người dân",
            "https://www.facebook.com/example/posts/1234567890",
        ),
        "verification": (
            "Đã gọi điện cho người nhặt được ví và người đánh rơi; công an phường xác nhận "
            "đã chứng kiến việc trao trả.",
            [
                "https://congan.example.gov.vn/tin/tra-lai-vi-tien",
                "https://phuong.example.gov.vn/bien-ban-trao-tra",
            ],
        ),
        # The original post's address is not an official domain (a content-check warning):
        # the reviewers acknowledge it, having checked it against the verification above.
        "acknowledge": [
            ("link.unknown_domain", "https://www.facebook.com/example/posts/1234567890"),
        ],
        "date": "2026-06-15",
        "image": (220, 150, 40),
    },
    {
        "slug": "lan-toa-thong-tin-tich-cuc-tren-fanpage-cua-doan-the",
        "section": "tin-tuc-su-kien",
        "title": "Các đoàn thể xây dựng trang, nhóm lan tỏa thông tin tích cực",
        "lead": "Các tổ chức, đoàn thể được vận động xây dựng fanpage, group lan tỏa thông tin "
        "tích cực theo phương châm lành mạnh hóa thông tin trên môi trường mạng.",
        "paragraphs": [
            "Các phong trào, mô hình thi đua trong giới trẻ nhằm tạo dựng môi trường “xanh”, "
            "“bình yên” trên mạng tiếp tục được phát động.",
            "Quản trị viên các diễn đàn, nhóm trên mạng xã hội được tuyên truyền, vận động nâng "
            "cao ý thức trách nhiệm khi tham gia môi trường mạng.",
        ],
        "tags": ["thông tin tích cực", "đoàn thể", "mạng xã hội"],
        "source": ("original", "", ""),
        "date": "2026-09-09",
        "image": (20, 140, 60),
    },
    {
        "slug": "nang-cao-nang-luc-quan-ly-nha-nuoc-ve-thong-tin-tren-mang",
        "section": "chinh-quyen-so",
        "title": "Nâng cao năng lực quản lý nhà nước về thông tin trên mạng",
        "lead": "Tăng cường kiểm tra, rà soát thông tin trên không gian mạng, kịp thời phát hiện, "
        "xử lý hành vi phát tán thông tin xấu độc, giả mạo cơ quan, tổ chức.",
        "paragraphs": [
            "Kế hoạch 287/KH-UBND yêu cầu tăng cường công tác kiểm tra, rà soát thông tin trên "
            "không gian mạng; xử lý nghiêm những hành vi lợi dụng không gian mạng để phát tán "
            "thông tin xấu độc, thông tin vi phạm pháp luật.",
            "Người dân phát hiện thông tin xấu độc có thể phản ánh qua Cổng để được chuyển tới "
            "cơ quan có thẩm quyền.",
        ],
        "tags": ["quản lý nhà nước", "thông tin xấu độc"],
        "source": (
            "agency_document",
            "Kế hoạch 287/KH-UBND ngày 14/12/2021 của UBND thành phố Hà Nội",
            "",
        ),
        "date": "2026-10-21",
        "image": (120, 30, 30),
    },
]

# Home page "dedicated sections" row, by section slug, with a short description.
DEDICATED = [
    ("bo-quy-tac-ung-xu", "Quy tắc ứng xử hiện hành và đã được thay thế"),
    ("ky-nang-su-dung-internet-an-toan", "Hướng dẫn cho học sinh, giáo viên, người dân"),
    ("bao-ve-tre-em-tren-moi-truong-mang", "Tổng đài 111 và cách tố giác xâm hại"),
    ("nguoi-tot-viec-tot", "Những câu chuyện đẹp"),
]

# --- Dedicated sections -------------------------------------------------------------------------
# Sections created with a dedicated page type instead of a plain SectionPage.
GOOD_DEEDS_SECTIONS = {"nguoi-tot-viec-tot"}

# Stories of the good-deeds section: article slug -> (people honoured, place).
STORIES = {
    "phat-dong-cuoc-thi-viet-ve-hanh-dong-dep-tren-moi-truong-mang": (
        "Đoàn viên, thanh thiếu niên trên địa bàn",
        "Phường Ba Đình",
    ),
    "nguoi-dan-tra-lai-vi-tien-cho-nguoi-danh-roi": ("Một người dân (giấu tên)", "Phường Ba Đình"),
}

CONDUCT_SECTION = "bo-quy-tac-ung-xu"

# Codes of conduct, oldest first; "replaced_by" names the slug of the replacing code. The rules
# are summaries in general terms, not quotations: each page says so and points to the decision.
CONDUCT_CODES = [
    {
        "slug": "bo-quy-tac-ung-xu-tren-mang-xa-hoi-2021",
        "title": "Bộ Quy tắc ứng xử trên mạng xã hội (2021)",
        "instrument_number": "874/QĐ-BTTTT",
        "instrument_title": "Bộ Quy tắc ứng xử trên mạng xã hội",
        "issuing_body": "Bộ Thông tin và Truyền thông",
        "issued_year": 2021,
        "issued_on": "2021-06-17",
        "replaced_by": "bo-quy-tac-ung-xu-van-hoa-tren-moi-truong-so-2026",
        "intro": "Bộ quy tắc ban hành kèm theo Quyết định số 874/QĐ-BTTTT ngày 17/6/2021 của Bộ "
        "Thông tin và Truyền thông. Bộ quy tắc này đã được thay thế; nội dung dưới đây là tóm "
        "lược để tra cứu, không còn là quy tắc hiện hành.",
        "principles": [
            (
                "Tôn trọng, tuân thủ pháp luật",
                "Tuân thủ pháp luật Việt Nam, tôn trọng quyền và "
                "lợi ích hợp pháp của tổ chức, cá nhân.",
            ),
            (
                "Lành mạnh",
                "Hành vi, ứng xử trên mạng xã hội phù hợp với giá trị đạo đức, văn hóa, "
                "truyền thống tốt đẹp của dân tộc Việt Nam.",
            ),
            (
                "An toàn, bảo mật thông tin",
                "Tuân thủ các quy định và hướng dẫn về bảo vệ an toàn và bảo mật thông tin.",
            ),
            (
                "Trách nhiệm",
                "Chịu trách nhiệm về các hành vi, ứng xử trên mạng xã hội; phối hợp "
                "với cơ quan chức năng xử lý hành vi, nội dung thông tin vi phạm pháp luật.",
            ),
        ],
        "rules": {
            "individuals": [
                "Tìm hiểu và tuân thủ các điều khoản hướng dẫn sử dụng của nhà cung cấp dịch vụ "
                "mạng xã hội trước khi đăng ký, tham gia.",
                "Chia sẻ những thông tin có nguồn chính thống, đáng tin cậy.",
                "Không đăng tải nội dung vi phạm pháp luật, thông tin xúc phạm danh dự, nhân phẩm "
                "ảnh hưởng đến quyền và lợi ích hợp pháp của tổ chức, cá nhân khác.",
            ],
            "officials": [
                "Thực hiện các quy định của cơ quan, tổ chức về việc cung cấp thông tin lên mạng "
                "xã hội.",
                "Thông báo, báo cáo kịp thời với cơ quan chủ quản khi có thông tin sai sự thật "
                "liên quan đến lĩnh vực, phạm vi quản lý của mình.",
            ],
            "agencies": [
                "Cung cấp thông tin chính thống kịp thời, công khai, minh bạch trên mạng xã hội.",
                "Phối hợp xử lý và phản hồi thông tin sai sự thật trên mạng xã hội thuộc phạm vi "
                "quản lý.",
            ],
            "providers": [
                "Công bố rõ ràng các điều khoản sử dụng dịch vụ cho người dùng.",
                "Có biện pháp bảo vệ thông tin cá nhân của người dùng và hướng dẫn người dùng báo "
                "cáo nội dung vi phạm.",
            ],
        },
    },
    {
        "slug": "bo-quy-tac-ung-xu-van-hoa-tren-moi-truong-so-2026",
        "title": "Bộ Quy tắc ứng xử văn hóa trên môi trường số (2026)",
        "instrument_number": "423/QĐ-BVHTTDL",
        "instrument_title": "Bộ Quy tắc ứng xử văn hóa trên môi trường số",
        "issuing_body": "Bộ Văn hóa, Thể thao và Du lịch",
        "issued_year": 2026,
        "issued_on": None,
        "replaced_by": None,
        "intro": "Bộ quy tắc ban hành kèm theo Quyết định số 423/QĐ-BVHTTDL năm 2026 của Bộ Văn "
        "hóa, Thể thao và Du lịch, thay thế Bộ Quy tắc ứng xử trên mạng xã hội năm 2021 (Quyết "
        "định 874/QĐ-BTTTT). Nội dung dưới đây tóm lược các định hướng chung để tuyên truyền; "
        "khi áp dụng, căn cứ toàn văn Quyết định.",
        "principles": [
            (
                "Tuân thủ pháp luật",
                "Mọi hành vi trên môi trường số tuân thủ pháp luật, tôn trọng "
                "quyền và lợi ích hợp pháp của người khác.",
            ),
            (
                "Văn hóa, văn minh",
                "Ứng xử có văn hóa, giữ gìn và lan tỏa giá trị tốt đẹp của dân "
                "tộc trên môi trường số.",
            ),
            (
                "An toàn",
                "Bảo vệ thông tin cá nhân của mình và của người khác; cảnh giác với lừa "
                "đảo và thông tin xấu độc.",
            ),
            (
                "Trách nhiệm",
                "Chịu trách nhiệm về thông tin mình tạo ra, chia sẻ; kiểm chứng trước khi chia sẻ.",
            ),
        ],
        "rules": {
            "individuals": [
                "Kiểm chứng nguồn tin trước khi đăng tải, chia sẻ; ưu tiên thông tin chính thống.",
                "Sử dụng ngôn ngữ lịch sự, tôn trọng người khác; không xúc phạm, bắt nạt trên "
                "mạng.",
                "Không đăng tải hình ảnh, thông tin cá nhân của người khác khi chưa được đồng ý.",
            ],
            "officials": [
                "Gương mẫu trong ứng xử trên môi trường số, giữ gìn hình ảnh của cơ quan, đơn vị.",
                "Không phát ngôn, chia sẻ thông tin thuộc phạm vi công tác khi chưa được phép.",
            ],
            "agencies": [
                "Cung cấp thông tin chính thống đầy đủ, kịp thời; phản hồi thông tin sai sự thật "
                "thuộc phạm vi quản lý.",
                "Tiếp nhận và xử lý phản ánh của người dân về thông tin xấu độc theo thẩm quyền.",
            ],
            "providers": [
                "Có cơ chế để người dùng phản ánh nội dung vi phạm và xử lý kịp thời.",
                "Bảo vệ dữ liệu cá nhân của người dùng, nhất là trẻ em.",
            ],
        },
    },
]

GUIDES_SECTION = "ky-nang-su-dung-internet-an-toan"

# Safe-Internet guides: slug, title, audience, intro, steps [(title, text)], image colour of the
# first step (or None).
GUIDES = [
    (
        "nhan-dien-lua-dao-va-duong-dan-la",
        "Nhận diện lừa đảo và đường dẫn lạ",
        "students_teachers",
        "Bốn bước để không mắc bẫy tin nhắn, đường dẫn lừa đảo.",
        [
            (
                "Dừng lại trước khi bấm",
                "Tin nhắn báo trúng thưởng, khóa tài khoản, yêu cầu chuyển "
                "tiền gấp là dấu hiệu lừa đảo thường gặp. Đừng vội bấm vào đường dẫn.",
            ),
            (
                "Kiểm tra địa chỉ trang web",
                "Xem kỹ tên miền: trang của cơ quan nhà nước có đuôi "
                ".gov.vn. Đường dẫn rút gọn che giấu địa chỉ thật.",
            ),
            (
                "Hỏi lại qua kênh khác",
                "Gọi điện trực tiếp cho người gửi hoặc cơ quan liên quan để xác minh.",
            ),
            ("Phản ánh", "Gửi phản ánh thông tin xấu độc qua Cổng để cơ quan có thẩm quyền xử lý."),
        ],
        (200, 120, 20),
    ),
    (
        "bao-ve-tai-khoan-truc-tuyen",
        "Bảo vệ tài khoản trực tuyến",
        "everyone",
        "Mật khẩu mạnh và xác thực hai lớp giữ tài khoản của bạn an toàn.",
        [
            (
                "Dùng mật khẩu dài, riêng cho từng tài khoản",
                "Một cụm từ dài dễ nhớ an toàn hơn "
                "một từ ngắn có ký tự đặc biệt. Không dùng lại mật khẩu.",
            ),
            (
                "Bật xác thực hai lớp",
                "Mã xác thực gửi về điện thoại ngăn kẻ gian đăng nhập dù biết mật khẩu.",
            ),
            (
                "Không cung cấp mã OTP",
                "Cơ quan, ngân hàng không bao giờ hỏi mã OTP qua điện thoại hay tin nhắn.",
            ),
        ],
        None,
    ),
    (
        "quyen-rieng-tu-khi-dang-anh-nguoi-khac",
        "Quyền riêng tư khi đăng ảnh có người khác",
        "students_teachers",
        "Hỏi ý kiến trước khi đăng ảnh có người khác, nhất là trẻ em.",
        [
            (
                "Hỏi ý kiến",
                "Xin phép những người có mặt trong ảnh trước khi đăng; với trẻ em, "
                "xin phép cha mẹ hoặc người giám hộ.",
            ),
            (
                "Xóa thông tin vị trí",
                "Tắt định vị của máy ảnh hoặc xóa thông tin vị trí trước khi chia sẻ ảnh.",
            ),
            ("Chọn người xem", "Giới hạn người xem bài đăng ở bạn bè, người thân."),
        ],
        None,
    ),
    (
        "kiem-chung-thong-tin-truoc-khi-chia-se",
        "Kiểm chứng thông tin trước khi chia sẻ",
        "everyone",
        "Ba câu hỏi trước khi bấm chia sẻ.",
        [
            (
                "Ai đưa tin?",
                "Tìm nguồn gốc của thông tin: cơ quan, tờ báo hay một tài khoản "
                "không rõ danh tính.",
            ),
            (
                "Có nguồn chính thống nào xác nhận?",
                "Đối chiếu với cổng thông tin của cơ quan nhà nước và báo chí chính thống.",
            ),
            (
                "Chia sẻ có gây hại không?",
                "Thông tin chưa được kiểm chứng có thể gây hoang mang, "
                "ảnh hưởng đến người khác: khi chưa chắc, đừng chia sẻ.",
            ),
        ],
        None,
    ),
]

CHILD_PROTECTION_SECTION = "bao-ve-tre-em-tren-moi-truong-mang"

CHILD_PROTECTION_PAGE = {
    "slug": "dia-chi-ho-tro-va-cach-to-giac",
    "title": "Địa chỉ hỗ trợ và cách tố giác xâm hại trẻ em trên mạng",
    "intro": "Khi trẻ em bị đe dọa, bắt nạt, dụ dỗ hay xâm hại trên mạng, hãy tìm hỗ trợ ngay.",
    "recognise": [
        "Người lạ làm quen, tặng quà, đề nghị giữ bí mật hoặc đòi gửi ảnh riêng tư.",
        "Trẻ bị đe dọa, chế giễu, bị phát tán hình ảnh hoặc thông tin cá nhân.",
        "Trẻ thay đổi tâm trạng, sợ hãi hoặc giấu điện thoại, máy tính khác thường.",
    ],
    "report_steps": [
        ("Giữ bằng chứng", "Chụp lại màn hình tin nhắn, tài khoản, đường dẫn; không xóa nội dung."),
        (
            "Gọi Tổng đài 111",
            "Gọi Tổng đài quốc gia bảo vệ trẻ em 111 (miễn phí) để được tư vấn, hỗ trợ.",
        ),
        (
            "Báo cơ quan công an",
            "Khi có dấu hiệu tội phạm, báo ngay cho công an nơi gần nhất hoặc gọi 113.",
        ),
        (
            "Phản ánh nội dung xấu độc",
            "Gửi đường dẫn nội dung qua mục phản ánh thông tin xấu độc của Cổng.",
        ),
    ],
    "current_rules": "Quy định hiện hành về bảo vệ trẻ em trên môi trường mạng được áp dụng theo "
    "Quyết định số 88/QĐ-BTTTT năm 2025 của Bộ Thông tin và Truyền thông. Khi tuyên truyền, các "
    "cơ quan, đơn vị căn cứ văn bản này và các văn bản hiện hành có liên quan.",
}

# Help contacts (snippets), editable in the admin.
HELP_CONTACTS = [
    (
        "Tổng đài quốc gia bảo vệ trẻ em",
        "111",
        "Miễn phí, hoạt động 24/7: tiếp nhận thông tin, "
        "tư vấn, hỗ trợ trẻ em bị xâm hại hoặc có nguy cơ bị xâm hại.",
    ),
    ("Cảnh sát (Công an)", "113", "Gọi khi có hành vi phạm tội hoặc nguy hiểm trực tiếp."),
]
