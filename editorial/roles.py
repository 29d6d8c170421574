"""The editorial roles. Each exists as a group, created by migration 0001 with its permissions.

Names are the Vietnamese titles staff know them by; the data migration and the demo accounts
both refer to them through these constants.
"""

REPORTERS = "Phóng viên"
EDITORS = "Biên tập viên"
CHIEF_EDITORS = "Trưởng ban biên tập"
AUDITORS = "Kiểm tra"
ADMINISTRATORS = "Quản trị"

# Staff who handle citizen reports of harmful content; the only role that sees reporters'
# contact details (migration 0003).
REPORT_MODERATORS = "Tiếp nhận phản ánh"

ALL_ROLES = (REPORTERS, EDITORS, CHIEF_EDITORS, AUDITORS, ADMINISTRATORS)

# Demo account name of each role (seed_demo).
DEMO_USERNAMES = {
    REPORTERS: "phongvien",
    EDITORS: "bientap",
    CHIEF_EDITORS: "truongban",
    AUDITORS: "kiemtoan",
    ADMINISTRATORS: "quantri",
}
