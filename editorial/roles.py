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

# What an administrator who is not a superuser may grant in the group editor
# (``editorial.rules.grant_failures``), following tests/security/test_permission_matrix.py.
# Only a superuser grants these: sites and collections, deleting workflows, tasks and groups,
# the reporters' contact details and the accountability settings ("app_label.codename").
SUPERUSER_ONLY_PERMISSIONS = frozenset(
    {
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "wagtailcore.delete_site",
        "wagtailcore.add_collection",
        "wagtailcore.change_collection",
        "wagtailcore.delete_collection",
        "wagtailcore.delete_workflow",
        "wagtailcore.delete_task",
        "auth.delete_group",
        "citizen_reports.view_reporter_contact",
        "cms.change_accountabilitysettings",
    }
)
# The administrators' own permissions: granted to the administrators' group only, never to a
# review role or any other group (it would make its members administrators).
ADMINISTRATION_PERMISSIONS = frozenset(
    {
        "auth.add_group",
        "auth.change_group",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
    }
)
