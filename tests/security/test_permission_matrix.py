"""Every role × every admin view and write path, against the policy table below.

The table is the intended policy: a change that widens a role (a new permission, a new group
grant, a view that forgets its check) fails here. A new admin URL fails too, until it is
entered in the table (``test_every_admin_url_is_in_the_policy``). Only access is tested, not
publishing rules (the review workflow owns those).

Roles: R reporter, E editor, C chief editor, A auditor, Q administrator (group), S superuser.

Reaching a governance view is not the same as changing the rules (issue 15,
``editorial/governance.py``, tested in tests/editorial/test_governance.py): a change Q makes to
workflows, tasks, their groups, group permissions, an account's groups or superuser flag, or an
account created with a role, is a proposal until a second Q confirms it; S's changes apply at
once and are recorded as break-glass. Q grants a group only what Q holds; what only S reaches
below ({"S"}: sites, collections, disabling workflows, deleting groups; and the reporters'
contact details, the accountability settings, deleting tasks) only S grants
(``editorial.roles.SUPERUSER_ONLY_PERMISSIONS``); Q's own permissions
(``roles.ADMINISTRATION_PERMISSIONS``) go to no group but Q's; only S makes an S.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, GroupApprovalTask, Page, Site, Workflow

from cms.models import PortalDocument
from editorial import roles
from tests import factories
from tests.security.helpers import is_refused

pytestmark = pytest.mark.django_db

ROLES = {
    "R": roles.REPORTERS,
    "E": roles.EDITORS,
    "C": roles.CHIEF_EDITORS,
    "A": roles.AUDITORS,
    "Q": roles.ADMINISTRATORS,
    "S": None,
}
ALL = set(ROLES)
STAFF_ADMINS = {"Q", "S"}
MEDIA = {"R", "E", "C", "Q", "S"}
MEDIA_EDIT = {"E", "C", "Q", "S"}
# Wagtail's collection ownership policy treats "delete" as "change" for images and documents
# (wagtail/permission_policies/collections.py), so editors, who may change any image, may also
# delete it; the delete_image/delete_document grants of chief editors add nothing.
MEDIA_DELETE = MEDIA_EDIT
PAGE_EDIT = {"E", "C", "Q", "S"}
PAGE_ADD = {"R", "E", "C", "Q", "S"}


@pytest.fixture
def world(home):
    section = factories.make_section(home, "Tin tức")
    article = factories.make_article(section, "Bài viết")
    image = factories.make_image("Ảnh")
    document = PortalDocument.objects.create(
        title="Văn bản", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="van-ban.pdf")
    )
    group = Group.objects.get(name=roles.REPORTERS)
    someone = factories.make_user("someone", roles.REPORTERS)
    workflow = Workflow.objects.create(name="Duyệt bài")
    task = GroupApprovalTask.objects.create(name="Biên tập duyệt")
    redirect = Redirect.objects.create(old_path="/cu", redirect_link="/moi")
    collection = Collection.get_first_root_node().add_child(name="Ảnh sự kiện")
    site = Site.objects.get(is_default_site=True)
    from citizen_reports.models import HarmfulContentReport
    from cms.models import HelpContact, SignageBoard
    from editorial.models import SourceVerification

    contact = HelpContact.objects.create(name="Tổng đài 111", phone="111")
    board = SignageBoard.objects.create(name="Sảnh UBND", slug="sanh-ubnd")
    verification = SourceVerification.objects.create(
        page=article, original_post_url="https://facebook.com/p/1", note="Đã kiểm chứng"
    )
    report, _code = HarmfulContentReport.receive(
        link="https://example.com/tin-xau", description="Tin sai sự thật", category="fraud"
    )
    return {
        "contact": contact.pk,
        "board": board.pk,
        "verification": verification.pk,
        "report": report.pk,
        "home": home.pk,
        "section": section.pk,
        "article": article.pk,
        "image": image.pk,
        "document": document.pk,
        "group": group.pk,
        "user": someone.pk,
        "workflow": workflow.pk,
        "task": task.pk,
        "redirect": redirect.pk,
        "collection": collection.pk,
        "site": site.pk,
        "root": Page.get_first_root_node().pk,
        "revision": article.latest_revision_id,
    }


# Admin views (GET) → the roles that reach them. Everyone else must be refused.
GET_POLICY = {
    "/admin/": ALL,
    "/admin/account/": ALL,
    "/admin/security/2fa/manage/": ALL,
    "/admin/choose-page/": ALL,
    "/admin/reports/site-history/": ALL,
    # Auditors reach the parent chooser but it lists nothing they may add to.
    "/admin/pages/create/cms/articlepage": ALL,
    "/admin/pages/": PAGE_ADD,
    "/admin/pages/{home}/": PAGE_ADD,
    "/admin/pages/search/": PAGE_ADD,
    "/admin/pages/add/cms/articlepage/{section}/": PAGE_ADD,
    "/admin/pages/{section}/add_subpage/": PAGE_ADD,
    "/admin/reports/workflow/": PAGE_ADD,
    "/admin/reports/workflow_tasks/": PAGE_ADD,
    "/admin/reports/aging-pages/": PAGE_ADD,
    "/admin/reports/page-types-usage/": PAGE_ADD,
    "/admin/forms/": PAGE_ADD,
    "/admin/pages/{article}/edit/": PAGE_EDIT,
    "/admin/pages/{article}/view_draft/": PAGE_EDIT,
    "/admin/pages/{article}/delete/": PAGE_EDIT,
    "/admin/pages/{article}/unpublish/": PAGE_EDIT,
    "/admin/pages/{article}/move/": PAGE_EDIT,
    "/admin/pages/{article}/copy/": PAGE_EDIT,
    "/admin/pages/{article}/privacy/": PAGE_EDIT,
    "/admin/pages/{article}/history/": PAGE_EDIT,
    "/admin/pages/{article}/workflow_history/": PAGE_EDIT,
    "/admin/reports/locked/": PAGE_EDIT,
    "/admin/images/": MEDIA,
    "/admin/images/add/": MEDIA,
    "/admin/images/multiple/add/": MEDIA,
    "/admin/images/{image}/": MEDIA_EDIT,
    "/admin/images/{image}/delete/": MEDIA_DELETE,
    "/admin/documents/": MEDIA,
    "/admin/documents/add/": MEDIA,
    "/admin/documents/multiple/add/": MEDIA,
    "/admin/documents/edit/{document}/": MEDIA_EDIT,
    "/admin/documents/delete/{document}/": MEDIA_DELETE,
    "/admin/workflows/list/": STAFF_ADMINS,
    "/admin/workflows/add/": STAFF_ADMINS,
    "/admin/workflows/edit/{workflow}/": STAFF_ADMINS,
    "/admin/workflows/disable/{workflow}/": {"S"},
    "/admin/workflows/tasks/index/": STAFF_ADMINS,
    "/admin/workflows/tasks/select_type/": STAFF_ADMINS,
    "/admin/workflows/tasks/add/wagtailcore/groupapprovaltask/": STAFF_ADMINS,
    "/admin/workflows/tasks/edit/{task}/": STAFF_ADMINS,
    "/admin/redirects/": STAFF_ADMINS,
    "/admin/redirects/add/": STAFF_ADMINS,
    "/admin/redirects/{redirect}/": STAFF_ADMINS,
    "/admin/redirects/{redirect}/delete/": STAFF_ADMINS,
    "/admin/redirects/import/": STAFF_ADMINS,
    "/admin/settings/cms/agencysettings/": STAFF_ADMINS,
    "/admin/settings/cms/agencysettings/{site}/": STAFF_ADMINS,
    "/admin/users/": STAFF_ADMINS,
    "/admin/users/new/": STAFF_ADMINS,
    "/admin/users/edit/{user}/": STAFF_ADMINS,
    "/admin/users/delete/{user}/": STAFF_ADMINS,
    "/admin/groups/": STAFF_ADMINS,
    "/admin/groups/new/": STAFF_ADMINS,
    "/admin/groups/edit/{group}/": STAFF_ADMINS,
    "/admin/groups/delete/{group}/": {"S"},
    "/admin/security/lockouts/": STAFF_ADMINS,
    "/admin/security/users/{user}/": STAFF_ADMINS,
    "/admin/collections/": {"S"},
    "/admin/collections/add/": {"S"},
    "/admin/collections/{collection}/": {"S"},
    "/admin/collections/{collection}/delete/": {"S"},
    "/admin/collections/{collection}/privacy/": {"S"},
    "/admin/sites/": {"S"},
    "/admin/sites/new/": {"S"},
    "/admin/sites/edit/{site}/": {"S"},
    "/admin/sites/delete/{site}/": {"S"},
    "/admin/snippets/": {"E", "C", "Q", "S"},
    # Takedown (unpublish with a reason): whoever may publish.
    "/admin/editorial/takedown/{article}/": PAGE_EDIT,
    # Failed background tasks (portal_site.operations): administrators.
    "/admin/tac-vu-nen/": {"Q", "S"},
    # Proposed changes to the review rules (editorial.governance): administrators decide them.
    "/admin/governance/": STAFF_ADMINS,
    # The approval ledger: auditors and administrators read it.
    "/admin/nhat-ky-duyet/": {"A", "Q", "S"},
    "/admin/nhat-ky-duyet/dinh-ky/": {"A", "Q", "S"},
    "/admin/nhat-ky-duyet/trang/{article}/": {"A", "Q", "S"},
    # Citizen reports: the moderation group (not a role here) handles them; chief editors read
    # the queue; nobody creates one in the admin (they come from the public form).
    "/admin/phan-anh/": {"C", "S"},
    "/admin/phan-anh/new/": set(),
    "/admin/phan-anh/edit/{report}/": {"S"},
    "/admin/phan-anh/history/{report}/": {"S"},
    "/admin/phan-anh/delete/{report}/": {"S"},
    # Help contacts of the child-protection page: editors keep them up to date.
    "/admin/snippets/cms/helpcontact/": {"E", "C", "Q", "S"},
    "/admin/snippets/cms/helpcontact/add/": {"E", "C", "Q", "S"},
    "/admin/snippets/cms/helpcontact/edit/{contact}/": {"E", "C", "Q", "S"},
    "/admin/snippets/cms/helpcontact/copy/{contact}/": {"E", "C", "Q", "S"},
    "/admin/snippets/cms/helpcontact/delete/{contact}/": {"C", "Q", "S"},
    "/admin/snippets/cms/helpcontact/history/{contact}/": {"E", "C", "Q", "S"},
    # Signage boards: editors choose what they show; chief editors may delete one.
    "/admin/snippets/cms/signageboard/": {"E", "C", "S"},
    "/admin/snippets/cms/signageboard/add/": {"E", "C", "S"},
    "/admin/snippets/cms/signageboard/edit/{board}/": {"E", "C", "S"},
    "/admin/snippets/cms/signageboard/copy/{board}/": {"E", "C", "S"},
    "/admin/snippets/cms/signageboard/delete/{board}/": {"C", "S"},
    "/admin/snippets/cms/signageboard/history/{board}/": {"E", "C", "S"},
    # Verifications of social-network sources: recorded by editors, never deleted by them.
    "/admin/snippets/editorial/sourceverification/": {"E", "C", "S"},
    "/admin/snippets/editorial/sourceverification/add/": {"E", "C", "S"},
    "/admin/snippets/editorial/sourceverification/edit/{verification}/": {"E", "C", "S"},
    "/admin/snippets/editorial/sourceverification/copy/{verification}/": {"E", "C", "S"},
    "/admin/snippets/editorial/sourceverification/delete/{verification}/": {"S"},
    "/admin/snippets/editorial/sourceverification/history/{verification}/": {"E", "C", "S"},
    "/admin/forms/submissions/{article}/": set(),  # no form pages
    "/admin/pages/{article}/revisions/": PAGE_EDIT,
    "/admin/pages/{article}/revisions/{revision}/view/": PAGE_EDIT,
    "/admin/pages/{article}/revisions/{revision}/revert/": PAGE_EDIT,
    "/admin/pages/{article}/revisions/compare/earliest...latest/": PAGE_EDIT,
    # Dynamic image URLs are not enabled (no wagtailimages_serve route): 404 for everyone.
    "/admin/images/{image}/generate_url/": set(),
    "/admin/images/{image}/generate_url/output/": set(),
    "/admin/users/history/{user}/": STAFF_ADMINS,
    "/admin/users/copy/{user}/": STAFF_ADMINS,
    "/admin/groups/history/{group}/": STAFF_ADMINS,
    "/admin/sites/history/{site}/": {"S"},
    "/admin/sites/copy/{site}/": {"S"},
}


def client_for(code):
    role = ROLES[code]
    user = factories.make_user(f"user_{code.lower()}", role, superuser=role is None)
    client = Client()
    client.force_login(user)
    return client


def outcome(response):
    assert response.status_code < 500
    return "refused" if is_refused(response) else "allowed"


def get_outcome(client, url):
    """Follow redirects: a view that only redirects elsewhere is judged by where it lands."""
    response = client.get(url, follow=True)
    assert response.status_code < 500, url
    assert response.status_code != 405, f"{url} is POST-only: it belongs in WRITE_POLICY"
    if response.status_code in (403, 404):
        return "refused"
    if response.redirect_chain and response.request["PATH_INFO"] in ("/admin/", "/admin/login/"):
        return "refused"
    return "allowed"


@pytest.mark.parametrize("code", list(ROLES))
def test_admin_views_match_the_policy(world, code):
    client = client_for(code)
    wrong = []
    for url, allowed in GET_POLICY.items():
        got = get_outcome(client, url.format(**world))
        expected = "allowed" if code in allowed else "refused"
        if got != expected:
            wrong.append(f"{url}: {got}, policy says {expected}")
    assert not wrong, f"role {code} ({ROLES[code]}):\n" + "\n".join(wrong)


def test_anonymous_visitors_reach_no_admin_view(client, world):
    for url in GET_POLICY:
        response = client.get(url.format(**world))
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url


def png_upload(name="anh.png"):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue())


def pdf_upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("vb.pdf", b"%PDF-1.4\n%%EOF\n")


# Write paths (POST) → the roles allowed to use them. Every other role must be refused with
# nothing changed. Data is enough to succeed where the form is simple; access is the point.
WRITE_POLICY = {
    "/admin/pages/add/cms/standardpage/{home}/": (PAGE_ADD, {"title": "Mới", "slug": "moi"}),
    "/admin/pages/{article}/edit/": (PAGE_EDIT, {"title": "Đã sửa", "slug": "da-sua"}),
    "/admin/pages/{article}/delete/": (PAGE_EDIT, {}),
    "/admin/pages/{article}/move/{home}/confirm/": (PAGE_EDIT, {}),
    "/admin/pages/{article}/copy/": (
        PAGE_EDIT,
        {"new_title": "Bản sao", "new_slug": "ban-sao", "new_parent_page": "{home}"},
    ),
    "/admin/pages/{article}/privacy/": (PAGE_EDIT, {"restriction_type": "login"}),
    "/admin/images/add/": (MEDIA, {"title": "Ảnh", "description": "Ảnh", "file": png_upload}),
    "/admin/images/{image}/": (MEDIA_EDIT, {"title": "Đã sửa", "description": "Đã sửa"}),
    "/admin/images/{image}/delete/": (MEDIA_DELETE, {}),
    "/admin/documents/add/": (MEDIA, {"title": "Văn bản", "file": pdf_upload}),
    "/admin/documents/edit/{document}/": (MEDIA_EDIT, {"title": "Đã sửa"}),
    "/admin/documents/delete/{document}/": (MEDIA_DELETE, {}),
    "/admin/collections/add/": ({"S"}, {"name": "Mới", "parent": "1"}),
    "/admin/collections/{collection}/delete/": ({"S"}, {}),
    "/admin/workflows/add/": (STAFF_ADMINS, {"name": "Quy trình mới"}),
    "/admin/workflows/disable/{workflow}/": ({"S"}, {}),
    "/admin/workflows/tasks/add/wagtailcore/groupapprovaltask/": (
        STAFF_ADMINS,
        {"name": "Bước mới", "groups": "{group}"},
    ),
    "/admin/redirects/add/": (STAFF_ADMINS, {"old_path": "/a", "redirect_link": "/b"}),
    "/admin/redirects/{redirect}/delete/": (STAFF_ADMINS, {}),
    "/admin/settings/cms/agencysettings/{site}/": (STAFF_ADMINS, {"name": "Đã sửa"}),
    "/admin/sites/new/": ({"S"}, {"hostname": "evil.example", "port": "80", "root_page": "{home}"}),
    "/admin/sites/delete/{site}/": ({"S"}, {}),
    "/admin/users/new/": (
        STAFF_ADMINS,
        {
            "username": "moi",
            "email": "moi@example.gov.vn",
            "first_name": "M",
            "last_name": "M",
            "password1": "a-long-passphrase-2026",
            "password2": "a-long-passphrase-2026",
            "is_superuser": "on",
        },
    ),
    "/admin/users/edit/{user}/": (STAFF_ADMINS, {"username": "someone", "is_superuser": "on"}),
    "/admin/users/delete/{user}/": (STAFF_ADMINS, {}),
    "/admin/groups/new/": (STAFF_ADMINS, {"name": "Nhóm mới"}),
    "/admin/groups/edit/{group}/": (STAFF_ADMINS, {"name": "Đã sửa"}),
    "/admin/groups/delete/{group}/": ({"S"}, {}),
    "/admin/security/lockouts/": (STAFF_ADMINS, {"attempt": "1"}),
    "/admin/security/users/{user}/": (STAFF_ADMINS, {"action": "end_sessions"}),
    "/admin/pages/{article}/lock/": (PAGE_EDIT, {}),
    "/admin/pages/{article}/unlock/": (PAGE_EDIT, {}),
    "/admin/bulk/wagtailcore/page/delete/?id={article}": (PAGE_EDIT, {}),
    "/admin/bulk/cms/portalimage/delete/?id={image}": (MEDIA_DELETE, {}),
    "/admin/bulk/cms/portaldocument/delete/?id={document}": (MEDIA_DELETE, {}),
    "/admin/bulk/auth/user/delete/?id={user}": (STAFF_ADMINS, {}),
    "/admin/bulk/auth/user/set_active_state/?id={user}": (STAFF_ADMINS, {"mark_as_active": ""}),
    "/admin/images/multiple/{image}/": (MEDIA_EDIT, {"image-{image}-title": "Đã sửa"}),
    "/admin/images/multiple/{image}/delete/": (MEDIA_DELETE, {}),
    "/admin/documents/multiple/{document}/": (MEDIA_EDIT, {"doc-{document}-title": "Đã sửa"}),
    "/admin/documents/multiple/{document}/delete/": (MEDIA_DELETE, {}),
    "/admin/forms/submissions/{article}/delete/": (set(), {}),
    "/admin/redirects/import/process/": (STAFF_ADMINS, {}),
    "/admin/workflows/enable/{workflow}/": (STAFF_ADMINS, {}),
    "/admin/workflows/tasks/disable/{task}/": ({"S"}, {}),
    "/admin/workflows/tasks/enable/{task}/": (STAFF_ADMINS, {}),
    "/admin/workflows/remove/{home}/": (STAFF_ADMINS, {}),
    "/admin/workflows/remove/{home}/{workflow}/": (STAFF_ADMINS, {}),
}


def snapshot():
    """Everything a refused write could have changed."""
    from django.contrib.auth import get_user_model
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import (
        GroupCollectionPermission,
        GroupPagePermission,
        PageViewRestriction,
        Revision,
        Task,
    )

    from cms.models import AgencySettings, PortalImage
    from portal_site.security.models import SessionRevocation

    User = get_user_model()
    return {
        "pages": list(Page.objects.values_list("pk", "title", "path", "live")),
        "revisions": Revision.objects.count(),
        "restrictions": PageViewRestriction.objects.count(),
        "images": list(PortalImage.objects.values_list("pk", "title")),
        "documents": list(PortalDocument.objects.values_list("pk", "title")),
        "collections": list(Collection.objects.values_list("pk", "name")),
        "workflows": list(Workflow.objects.values_list("pk", "name", "active")),
        "tasks": list(Task.objects.values_list("pk", "name", "active")),
        "redirects": list(Redirect.objects.values_list("pk", "old_path")),
        "settings": list(AgencySettings.objects.values_list("pk", "name")),
        "sites": list(Site.objects.values_list("pk", "hostname")),
        "users": list(User.objects.values_list("pk", "username", "is_superuser", "is_active")),
        "memberships": list(User.groups.through.objects.values_list("user_id", "group_id")),
        "groups": list(Group.objects.values_list("pk", "name")),
        "group_permissions": Group.permissions.through.objects.count(),
        "page_permissions": GroupPagePermission.objects.count(),
        "collection_permissions": GroupCollectionPermission.objects.count(),
        "revocations": SessionRevocation.objects.count(),
    }


def fill(data, world):
    filled = {}
    for key, value in data.items():
        filled[key] = value() if callable(value) else value.format(**world)
    return filled


@pytest.mark.parametrize("code", list(ROLES))
def test_write_paths_refuse_roles_outside_the_policy(world, code):
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        pk=1, username="x", ip_address="10.1.1.1", failures_since_start=9, get_data="", post_data=""
    )
    client = client_for(code)
    before = snapshot()
    wrong = []
    for url, (allowed, data) in WRITE_POLICY.items():
        if code in allowed:
            continue
        response = client.post(url.format(**world), fill(data, world))
        if url.startswith("/admin/bulk/"):
            # Bulk actions skip the items the user may not touch and redirect back:
            # judged by what changed (test_bulk_actions_work_for_the_roles_in_the_policy
            # shows the same request does change things for an allowed role).
            assert response.status_code < 500, url
            if snapshot() != before:
                wrong.append(f"{url}: changed data")
        elif outcome(response) != "refused":
            wrong.append(f"{url}: {response.status_code} {response.get('Location', '')}")
    assert not wrong, f"role {code} ({ROLES[code]}) was not refused:\n" + "\n".join(wrong)
    assert snapshot() == before
    assert AccessAttempt.objects.filter(pk=1).exists()


def admin_routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from admin_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith("admin/"):
            yield route.replace("^", "")  # as ResolverMatch.route spells regex routes


def route_of(url, world):
    from django.urls import resolve

    match = resolve(url.format(**world).split("?")[0])
    return match.route


# Admin routes outside the table, each with the reason it needs no row of its own.
NOT_IN_TABLE = {
    # Choosers, autocomplete, previews, listings' partial results and the admin's JSON API
    # render or return what the user may already see; their permission checks are Wagtail's
    # own (the policy-level checks above exercise the same permission policies).
    "chooser": ("choose", "chooser", "autocomplete", "api/", "preview", "results/", "/usage/"),
    # Signed-in housekeeping of the user's own session and interface.
    "own session": (
        "logout",
        "login",
        "password_reset",
        "dismissibles",
        "editing-sessions",
        "sprite",
        "jsi18n",
    ),
    # The second-factor flow (tests/security/test_second_factor.py).
    "second factor": ("security/2fa", "security/reauth"),
    # Wagtail's catch-all and debug views.
    "debug": ("test404", "failwhale", "admin/.*/$"),
}
# Write and history routes covered by tests elsewhere or by the same check as a listed view.
COVERED_ELSEWHERE = {
    "admin/pages/<int:page_to_move_id>/set_position/": "same check as move",
    "admin/pages/<int:page_id>/convert_alias/": "needs an alias page; same check as edit",
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/": "needs a schedule",
    "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/": (
        "needs a workflow state; same check as workflow_history"
    ),
    "admin/governance/<int:proposal_id>/": (
        "needs a proposal; tests/editorial/test_governance.py (administrators only, the "
        "proposer cannot confirm, a reporter is refused)"
    ),
    # Review actions need task states: access is the review workflow's (editorial) to test.
    "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/": "review",
    "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/"
    "<int:task_state_id>/": "review",
    "admin/pages/workflow/confirm_cancellation/<int:page_id>/": "review",
    # Pending uploads: Wagtail only lets their own uploader finish or drop them.
    "admin/images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/": "own upload",
    "admin/images/multiple/delete_upload/<int:uploaded_file_id>/": "own upload",
    "admin/documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/": (
        "own upload"
    ),
    "admin/documents/multiple/delete_upload/<int:uploaded_file_id>/": "own upload",
}


def test_every_admin_url_is_in_the_policy(world):
    covered = {route_of(url, world) for url in GET_POLICY}
    covered |= {route_of(url, world) for url in WRITE_POLICY}
    exempt_markers = [marker for markers in NOT_IN_TABLE.values() for marker in markers]
    missing = sorted(
        route
        for route in set(admin_routes())
        if route not in covered
        and route not in COVERED_ELSEWHERE
        and not any(marker in route for marker in exempt_markers)
    )
    assert not missing, (
        "admin URLs with no row in the permission matrix (add them to GET_POLICY or "
        "WRITE_POLICY with the roles that may use them):\n" + "\n".join(missing)
    )


@pytest.mark.parametrize(
    ("url", "code", "gone"),
    [
        ("/admin/bulk/wagtailcore/page/delete/?id={article}", "E", "pages"),
        ("/admin/bulk/cms/portalimage/delete/?id={image}", "E", "images"),
        ("/admin/bulk/cms/portaldocument/delete/?id={document}", "E", "documents"),
        ("/admin/bulk/auth/user/delete/?id={user}", "Q", "users"),
    ],
)
def test_bulk_actions_work_for_the_roles_in_the_policy(world, url, code, gone):
    client = client_for(code)
    before = len(snapshot()[gone])
    response = client.post(url.format(**world))
    assert response.status_code == 302
    assert len(snapshot()[gone]) == before - 1
