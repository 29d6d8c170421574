"""The content checks govern review (issue 6): run at submission and again at each approval;
errors refuse submission and approval, warnings need each reviewer's acknowledgement, which
the approval's log entry and the approval ledger record. Through code and through the real
admin views, as the browser posts them."""

import json

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from cms.models import ArticlePage
from demo.review import publish_reviewed
from editorial import exceptions
from editorial.content_checks import run_checks
from editorial.models import ContentCheckSettings, ReviewApproval, SourceVerification
from ledger.models import LedgerEntry
from tests import factories
from tests.editorial.admin import article_data, edit_url, messages_of
from tests.editorial.helpers import act, current_task_state, reload, submit

BLOCKED = "https://tin-xau.example/bai-viet"
SHORT = "https://bit.ly/abc123"
UNKNOWN = "https://blog-ca-nhan.example.net/bai"
# An official-looking address, clean until the domain is found out and blocked.
FAKE_GOV = "https://gia-mao.gov.vn/thong-bao"
EDITOR_STAGE = "Biên tập viên duyệt"
CHIEF_STAGE = "Trưởng ban biên tập ký duyệt"


@pytest.fixture
def check_settings(db):
    site_settings = ContentCheckSettings.load()
    site_settings.blocked_domains = "tin-xau.example"
    site_settings.flagged_terms = "bạo loạn"
    site_settings.save()
    return site_settings


def link(href, text="nguồn"):
    return f'<p>Xem thêm <a href="{href}">{text}</a>.</p>'


def draft(section, body_html="<p>Nội dung sạch.</p>", *, reporter=None, hero_image=None, **fields):
    if reporter is not None:
        fields.setdefault("owner", reporter)  # reporters edit their own articles
    article = factories.make_article(
        section, "Bài cần kiểm tra", live=False, image=hero_image, **fields
    )
    article.body = [("paragraph", body_html)]
    article.save_revision(user=reporter)
    return article


def warnings_of(page):
    return [f for f in run_checks(reload(page).get_latest_revision_as_object()) if f.is_warning]


def workflow_url(page, action="approve"):
    return reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, current_task_state(page).pk]
    )


def admin_approve(client, user, page, *, acknowledged=(), comment="", **headers):
    client.force_login(user)
    return client.post(
        workflow_url(page),
        {"comment": comment, "acknowledged_warnings": list(acknowledged)},
        follow=not headers,
        HTTP_REFERER=f"http://testserver{edit_url(page)}",
        **headers,
    )


def approvals(page):
    return ReviewApproval.objects.filter(page_id=page.pk).count()


def ledger_approvals(page):
    return list(
        LedgerEntry.objects.filter(
            page_id=page.pk, action__in=["portal.review.approve", "portal.review.sign_off"]
        ).order_by("seq")
    )


def image(title="Ảnh", *, alt="Ảnh minh họa", people=False, note=""):
    picture = factories.make_image(title)
    picture.description = alt
    picture.shows_identifiable_people = people
    picture.people_note = note
    picture.save()
    return picture


# --- submission ------------------------------------------------------------------------------
ERROR_CONTENT = {
    "link.blocked": lambda: {"body_html": link(BLOCKED)},
    "image.alt_missing": lambda: {"hero_image": image("Ảnh thiếu mô tả", alt="")},
}


@pytest.mark.parametrize("code", sorted(ERROR_CONTENT))
def test_each_error_refuses_submission_from_code_and_keeps_the_draft(
    news_section, check_settings, reporter, code
):
    article = draft(news_section, reporter=reporter, **ERROR_CONTENT[code]())
    revisions = article.revisions.count()
    with pytest.raises(exceptions.SubmissionBlockedError) as refusal:
        submit(article, reporter)
    assert [f.code for f in refusal.value.findings] == [code]
    assert "Chưa gửi duyệt" in str(refusal.value)
    assert not WorkflowState.objects.filter(object_id=str(article.pk)).exists()
    assert not TaskState.objects.filter(revision__object_id=str(article.pk)).exists()
    # The draft is kept: the revision saved before submitting is still the latest.
    assert reload(article).revisions.count() == revisions + 1
    assert code in {f.code for f in run_checks(reload(article).get_latest_revision_as_object())}


def test_resubmission_with_an_error_is_refused_and_the_review_stays_where_it_was(
    news_section, check_settings, reporter, editor
):
    article = draft(news_section, reporter=reporter)
    submit(article, reporter)
    act(article, editor, "request_changes", comment="Thêm nguồn tham khảo")
    page = reload(article)
    page.body = [("paragraph", link(BLOCKED))]
    page.save_revision(user=reporter)
    state = reload(article).current_workflow_state
    task_state_id = state.current_task_state_id
    with pytest.raises(exceptions.SubmissionBlockedError):
        state.resume(user=reporter)
    # Unchanged in the database and in memory.
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state_id == task_state_id
    stored = WorkflowState.objects.get(pk=state.pk)
    assert stored.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert stored.current_task_state_id == task_state_id
    assert not PageLogEntry.objects.filter(page=article, action="wagtail.workflow.resume").exists()


def test_warnings_and_unverified_social_source_do_not_refuse_submission(
    news_section, check_settings, reporter
):
    """Warnings are for the reviewer; only an editor can record the verification."""
    article = draft(
        news_section,
        link(SHORT) + "<p>Tin đồn về bạo loạn.</p>",
        reporter=reporter,
        source_type="social_network",
        source_url="https://facebook.com/p/9",
    )
    state = submit(article, reporter)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("code", sorted(ERROR_CONTENT))
def test_submit_button_with_an_error_is_refused_with_the_errors_listed_and_the_draft_kept(
    client, news_section, check_settings, reporter, code
):
    article = draft(news_section, reporter=reporter)
    content = ERROR_CONTENT[code]()
    overrides = {"hero_image": str(content["hero_image"].pk)} if "hero_image" in content else {}
    body = content.get("body_html", "<p>Bản sửa mới của phóng viên.</p>")
    client.force_login(reporter)
    data = {**article_data(reload(article), body_html=body, **overrides), "action-submit": "1"}
    response = client.post(
        edit_url(article), data, follow=True, HTTP_REFERER=f"http://testserver{edit_url(article)}"
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == edit_url(article)
    text = " ".join(messages_of(response))
    assert "Chưa gửi duyệt" in text
    assert f'data-check-code="{code}"' in text
    # The list is rendered as a list in the admin, not as escaped markup.
    assert '<span class="content-check-refusal">' in response.text
    assert not WorkflowState.objects.filter(object_id=str(article.pk)).exists()
    latest = reload(article).get_latest_revision()
    assert latest.user == reporter
    assert code in {f.code for f in run_checks(latest.as_object())}


def test_create_and_submit_with_an_error_creates_the_draft_and_opens_it_with_the_errors(
    client, news_section, check_settings, reporter
):
    template = ArticlePage(
        title="Bài mới có liên kết xấu",
        slug="bai-moi-lien-ket-xau",
        lead="Tóm tắt.",
        source_type="original",
        source_name="",
        source_url="",
    )
    client.force_login(reporter)
    url = reverse("wagtailadmin_pages:add", args=("cms", "articlepage", news_section.pk))
    data = {**article_data(template, body_html=link(BLOCKED)), "action-submit": "1"}
    response = client.post(url, data, follow=True, HTTP_REFERER=f"http://testserver{url}")
    page = ArticlePage.objects.get(slug="bai-moi-lien-ket-xau")
    assert response.redirect_chain[-1][0] == edit_url(page)
    assert any("Chưa gửi duyệt" in m for m in messages_of(response))
    assert not page.live
    assert page.get_latest_revision() is not None
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()


def test_resubmit_button_with_an_error_keeps_the_draft_and_the_requested_changes(
    client, news_section, check_settings, reporter, editor
):
    article = draft(news_section, reporter=reporter)
    submit(article, reporter)
    act(article, editor, "request_changes", comment="Thêm nguồn")
    client.force_login(reporter)
    data = {**article_data(reload(article), body_html=link(BLOCKED)), "action-submit": "1"}
    response = client.post(edit_url(article), data, follow=True)
    assert any("Chưa gửi duyệt" in m for m in messages_of(response))
    state = reload(article).current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert "link.blocked" in {
        f.code for f in run_checks(reload(article).get_latest_revision_as_object())
    }


# --- errors at approval ----------------------------------------------------------------------
def block_fake_gov(check_settings):
    check_settings.blocked_domains = "tin-xau.example\ngia-mao.gov.vn"
    check_settings.save()


def remove_alt_text(article):
    picture = reload(article).hero_image
    picture.description = ""
    picture.save()


@pytest.mark.parametrize("stage", ["editor", "chief"])
@pytest.mark.parametrize("error", ["link.blocked", "image.alt_missing"])
def test_an_error_found_at_approval_refuses_it_at_each_stage(
    news_section, check_settings, reporter, editor, chief, stage, error
):
    article = draft(
        news_section, link(FAKE_GOV), reporter=reporter, hero_image=image("Ảnh hội nghị")
    )
    submit(article, reporter)
    if stage == "chief":
        act(article, editor, "approve")
    before = approvals(article)
    block_fake_gov(check_settings) if error == "link.blocked" else remove_alt_text(article)
    reviewer = editor if stage == "editor" else chief
    with pytest.raises(exceptions.ApprovalBlockedError) as refusal:
        act(article, reviewer, "approve")
    assert [f.code for f in refusal.value.findings] == [error]
    assert "Không thể duyệt" in str(refusal.value)
    assert current_task_state(article).task.name == (
        EDITOR_STAGE if stage == "editor" else CHIEF_STAGE
    )
    assert current_task_state(article).status == TaskState.STATUS_IN_PROGRESS
    assert approvals(article) == before
    assert not reload(article).live


def test_unverified_social_source_refuses_approval_at_the_chief_stage_too(
    news_section, check_settings, reporter, editor, chief
):
    from demo.review import record_verification

    article = draft(
        news_section,
        reporter=reporter,
        source_type="social_network",
        source_url="https://chinhphu.gov.vn/bai-dang",
    )
    submit(article, reporter)
    record_verification(
        article,
        editor=editor,
        original_post_url="https://chinhphu.gov.vn/bai-dang",
        note="Đã gọi điện xác minh",
        sources=["https://baochinhphu.vn/a", "https://hanoimoi.vn/b"],
    )
    act(article, editor, "approve")
    SourceVerification.objects.filter(page=article).delete()
    with pytest.raises(exceptions.VerificationRequiredError):
        act(article, chief, "approve")
    assert current_task_state(article).task.name == CHIEF_STAGE


def test_edit_during_review_adding_an_error_is_refused_at_approval(
    news_section, check_settings, reporter, editor
):
    """A draft saved during review is not a submission: review restarts, approval refuses."""
    article = draft(news_section, reporter=reporter)
    submit(article, reporter)
    page = reload(article)
    page.body = [("paragraph", link(BLOCKED))]
    page.save_revision(user=reporter)
    with pytest.raises(exceptions.ApprovalBlockedError):
        act(article, editor, "approve")


def test_admin_approve_with_an_error_is_refused_with_the_errors_listed(
    client, news_section, check_settings, reporter, editor
):
    article = draft(news_section, link(FAKE_GOV), reporter=reporter)
    submit(article, reporter)
    block_fake_gov(check_settings)
    client.force_login(editor)
    modal = client.get(workflow_url(article), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    html = json.loads(modal.content)["html"]
    assert 'data-check-code="link.blocked"' in html
    assert "không thể duyệt khi còn các lỗi này" in html
    response = admin_approve(client, editor, article)
    text = " ".join(messages_of(response))
    assert "Không thể duyệt" in text
    assert 'data-check-code="link.blocked"' in text
    assert current_task_state(article).task.name == EDITOR_STAGE
    assert approvals(article) == 0
    assert ledger_approvals(article) == []


# --- warnings --------------------------------------------------------------------------------
WARNING_CONTENT = {
    "link.shortener": lambda: {"body_html": link(SHORT)},
    "link.unknown_domain": lambda: {"body_html": link(UNKNOWN)},
    "image.people_without_note": lambda: {
        "hero_image": image("Ảnh đám đông", people=True, note="")
    },
    "term.flagged": lambda: {"body_html": "<p>Không có bạo loạn nào xảy ra.</p>"},
}


@pytest.mark.parametrize("code", sorted(WARNING_CONTENT))
def test_each_warning_without_acknowledgement_refuses_approval_and_with_it_approves(
    news_section, check_settings, reporter, editor, chief, code
):
    content = WARNING_CONTENT[code]()
    article = draft(news_section, content.pop("body_html", "<p>Nội dung.</p>"), **content)
    submit(article, reporter)
    (warning,) = warnings_of(article)
    assert warning.code == code
    with pytest.raises(exceptions.WarningsNotAcknowledgedError) as refusal:
        act(article, editor, "approve")
    assert [f.code for f in refusal.value.findings] == [code]
    assert current_task_state(article).task.name == EDITOR_STAGE
    assert approvals(article) == 0

    act(article, editor, "approve", acknowledged_warnings=[warning])
    # The chief editor acknowledges for themself: the editor's acknowledgement is not theirs.
    with pytest.raises(exceptions.WarningsNotAcknowledgedError):
        act(article, chief, "approve")
    act(article, chief, "approve", acknowledged_warnings=[(warning.code, warning.passage)])
    assert reload(article).live

    entries = ledger_approvals(article)
    assert [(e.action, e.actor_id, e.stage) for e in entries] == [
        ("portal.review.approve", editor.pk, EDITOR_STAGE),
        ("portal.review.sign_off", chief.pk, CHIEF_STAGE),
    ]
    for entry, reviewer in zip(entries, (editor, chief), strict=True):
        log_data = entry.extra["log_data"]
        assert log_data["acknowledged_warnings"] == [
            {"code": code, "passage": warning.passage, "message": warning.message}
        ]
        assert log_data["acknowledged_by"]["username"] == reviewer.username


def test_every_warning_must_be_acknowledged_not_just_some(
    news_section, check_settings, reporter, editor
):
    article = draft(news_section, link(SHORT) + link(UNKNOWN), reporter=reporter)
    submit(article, reporter)
    shortener, unknown = warnings_of(article)
    with pytest.raises(exceptions.WarningsNotAcknowledgedError) as refusal:
        act(article, editor, "approve", acknowledged_warnings=[shortener.key])
    assert [f.code for f in refusal.value.findings] == [unknown.code]
    # An acknowledgement of another passage does not count.
    with pytest.raises(exceptions.WarningsNotAcknowledgedError):
        act(
            article,
            editor,
            "approve",
            acknowledged_warnings=[shortener.key, ("link.unknown_domain", "https://khac.example/")],
        )
    act(article, editor, "approve", acknowledged_warnings=[shortener.key, unknown.key])
    assert current_task_state(article).task.name == CHIEF_STAGE


def test_approval_without_warnings_records_no_acknowledgement(
    news_section, check_settings, reporter, editor
):
    article = draft(news_section, link("https://chinhphu.gov.vn/"), reporter=reporter)
    submit(article, reporter)
    act(article, editor, "approve")
    (entry,) = ledger_approvals(article)
    assert "acknowledged_warnings" not in entry.extra.get("log_data", {})


def test_admin_approve_dialog_lists_the_warnings_with_a_required_acknowledgement(
    client, news_section, check_settings, reporter, editor
):
    article = draft(news_section, link(SHORT) + "<p>Tin về bạo loạn.</p>", reporter=reporter)
    submit(article, reporter)
    client.force_login(editor)
    response = client.get(workflow_url(article), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    html = json.loads(response.content)["html"]
    for warning in warnings_of(article):
        assert f'value="{warning.key}" required' in html
        assert f'data-check-code="{warning.code}"' in html
    assert "<mark>bạo loạn</mark>" in html
    assert 'name="comment"' in html


def test_admin_approve_without_acknowledgement_is_refused_then_with_it_goes_live(
    client, news_section, check_settings, reporter, editor, chief, auditor
):
    article = draft(news_section, link(UNKNOWN), reporter=reporter)
    submit(article, reporter)
    (warning,) = warnings_of(article)

    response = admin_approve(client, editor, article)
    text = " ".join(messages_of(response))
    assert "Không thể duyệt: bạn cần xác nhận từng cảnh báo" in text
    assert 'data-check-code="link.unknown_domain"' in text
    assert current_task_state(article).task.name == EDITOR_STAGE
    assert approvals(article) == 0 and ledger_approvals(article) == []

    admin_approve(client, editor, article, acknowledged=[warning.key])
    assert current_task_state(article).task.name == CHIEF_STAGE
    admin_approve(client, chief, article, acknowledged=[warning.key], comment="Đồng ý đăng")
    assert reload(article).live

    entries = ledger_approvals(article)
    assert [e.extra["log_data"]["acknowledged_warnings"][0]["passage"] for e in entries] == [
        UNKNOWN,
        UNKNOWN,
    ]
    # The auditor sees the acknowledgements in the approval trail.
    client.force_login(auditor)
    trail = client.get(reverse("editorial_ledger:trail", args=[article.pk]))
    assert trail.status_code == 200
    assert trail.text.count("Cảnh báo kiểm tra nội dung đã được xác nhận") == 2
    assert UNKNOWN in trail.text


def test_dialog_approve_without_acknowledgement_returns_to_the_page_with_the_refusal(
    client, news_section, check_settings, reporter, editor
):
    """The dashboard's dialog posts with XMLHttpRequest and follows the redirect it gets."""
    article = draft(news_section, link(SHORT), reporter=reporter)
    submit(article, reporter)
    response = admin_approve(client, editor, article, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    payload = json.loads(response.content)
    assert payload["step"] == "success"
    assert payload["redirect"].endswith(edit_url(article))
    page = client.get(payload["redirect"])
    assert any("xác nhận từng cảnh báo" in m for m in messages_of(page))
    assert current_task_state(article).status == TaskState.STATUS_IN_PROGRESS


def test_the_editor_footer_dialog_collects_the_acknowledgement_the_task_accepts(
    client, news_section, check_settings, reporter, editor
):
    """In the page editor, the Approve dialog only collects its data (JSON); the edit view
    then passes it to the task's ``on_action`` as keyword arguments."""
    article = draft(news_section, link(UNKNOWN), reporter=reporter)
    submit(article, reporter)
    (warning,) = warnings_of(article)
    client.force_login(editor)
    collect_url = reverse(
        "wagtailadmin_pages:collect_workflow_action_data",
        args=[article.pk, "approve", current_task_state(article).pk],
    )
    dialog = client.get(collect_url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert f'value="{warning.key}" required' in json.loads(dialog.content)["html"]
    collected = client.post(
        collect_url,
        {"comment": "Đã kiểm tra", "acknowledged_warnings": [warning.key]},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    extra_data = json.loads(json.dumps(json.loads(collected.content)["cleaned_data"]))
    assert extra_data == {"comment": "Đã kiểm tra", "acknowledged_warnings": [warning.key]}
    act(article, editor, "approve", **extra_data)
    assert current_task_state(article).task.name == CHIEF_STAGE
    (entry,) = ledger_approvals(article)
    assert entry.extra["log_data"]["acknowledged_warnings"][0]["code"] == "link.unknown_domain"


def test_findings_are_listed_to_the_reporter_with_what_each_level_means(
    client, news_section, check_settings, reporter
):
    article = draft(news_section, link(BLOCKED) + link(SHORT), reporter=reporter)
    client.force_login(reporter)
    text = " ".join(messages_of(client.get(edit_url(article))))
    assert 'data-check-code="link.blocked"' in text
    assert 'data-check-code="link.shortener"' in text
    assert "Phải sửa các lỗi trước khi gửi bài duyệt" in text
    assert "Người duyệt phải xác nhận từng cảnh báo" in text


# --- demo and fixtures -----------------------------------------------------------------------
def test_publishing_demo_content_with_a_warning_needs_an_explicit_acknowledgement(
    news_section, check_settings, reporter, editor, chief
):
    article = draft(news_section, link(UNKNOWN), reporter=reporter)
    with pytest.raises(exceptions.WarningsNotAcknowledgedError):
        publish_reviewed(article, author=reporter, reviewers=[editor, chief])
    assert not reload(article).live
    publish_reviewed(
        article,
        author=reporter,
        reviewers=[editor, chief],
        acknowledge=[("link.unknown_domain", UNKNOWN)],
    )
    assert reload(article).live
    assert len(ledger_approvals(article)) == 2
