"""The review rules in code: stages in order, four eyes, pinned content, verification."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import TaskState, WorkflowState

from cms.models.pages import SourceType
from demo.review import record_verification
from editorial import exceptions, roles
from editorial.content import page_content_hash, revision_content_hash
from editorial.models import PublicationClearance, ReviewApproval
from tests import factories
from tests.editorial.helpers import act, current_task_state, reload, submit


def test_article_goes_live_after_editor_review_and_chief_sign_off(draft, reporter, editor, chief):
    submit(draft, reporter)
    assert current_task_state(draft).task.name == "Biên tập viên duyệt"
    act(draft, editor, "approve")
    assert not reload(draft).live
    assert current_task_state(draft).task.name == "Trưởng ban biên tập ký duyệt"
    act(draft, chief, "approve", comment="Đồng ý")
    page = reload(draft)
    assert page.live
    approvals = ReviewApproval.objects.filter(page=page)
    assert [a.user for a in approvals] == [editor, chief]
    assert {a.content_hash for a in approvals} == {page_content_hash(page)}


def test_live_content_is_byte_for_byte_the_approved_revision(draft, reporter, editor, chief):
    submit(draft, reporter)
    act(draft, editor, "approve")
    act(draft, chief, "approve")
    page = reload(draft)
    approved = ReviewApproval.objects.filter(page=page).last()
    assert page.live_revision_id == approved.revision_id
    assert revision_content_hash(page.live_revision) == approved.content_hash
    assert page_content_hash(page) == approved.content_hash
    clearance = PublicationClearance.objects.get(page=page)
    assert clearance.status == PublicationClearance.Status.LIVE


def test_reporter_cannot_approve_own_submission_even_as_superuser(draft, superuser, editor):
    submit(draft, superuser)
    with pytest.raises(exceptions.SelfApprovalError):
        act(draft, superuser, "approve")
    assert current_task_state(draft).status == TaskState.STATUS_IN_PROGRESS


def test_person_who_is_reporter_and_editor_cannot_approve_own_work(news_section, chief):
    both = factories.make_user("kiemnhiem", roles.REPORTERS)
    both.groups.add(Group.objects.get(name=roles.EDITORS))
    article = factories.make_article(news_section, "Bài tự viết", live=False)
    submit(article, both)
    with pytest.raises(exceptions.SelfApprovalError):
        act(article, both, "approve")
    assert not reload(article).live


def test_reviewer_cannot_approve_after_editing_the_content(draft, reporter, editor, second_editor):
    submit(draft, reporter)
    page = reload(draft)
    page.lead = "Biên tập viên sửa phần tóm tắt"
    page.save_revision(user=editor)
    # The edit restarted the stage with the new content; the editor is now one of its authors.
    with pytest.raises(exceptions.SelfApprovalError):
        act(draft, editor, "approve")
    act(draft, second_editor, "approve")
    assert current_task_state(draft).task.name == "Trưởng ban biên tập ký duyệt"


def test_chief_sign_off_must_come_from_a_different_person_than_the_editor(draft, reporter, editor):
    # One account in both reviewer groups.
    editor.groups.add(Group.objects.get(name=roles.CHIEF_EDITORS))
    submit(draft, reporter)
    act(draft, editor, "approve")
    with pytest.raises(exceptions.SameReviewerError):
        act(draft, editor, "approve")
    assert not reload(draft).live
    assert current_task_state(draft).status == TaskState.STATUS_IN_PROGRESS


def test_edit_during_review_restarts_review_at_the_first_stage(draft, reporter, editor, chief):
    submit(draft, reporter)
    act(draft, editor, "approve")
    assert current_task_state(draft).task.name == "Trưởng ban biên tập ký duyệt"
    page = reload(draft)
    page.title = "Tiêu đề đã sửa trong khi duyệt"
    page.save_revision(user=chief)
    state = current_task_state(draft)
    assert state.task.name == "Biên tập viên duyệt"
    assert state.content_hash == revision_content_hash(reload(draft).get_latest_revision())
    # The chief edited, so the chief cannot sign off this content either.
    act(draft, editor, "approve")
    with pytest.raises(exceptions.SelfApprovalError):
        act(draft, chief, "approve")
    assert not reload(draft).live


def test_autosave_overwriting_the_revision_in_place_also_restarts_review(
    draft, reporter, editor, chief
):
    submit(draft, reporter)
    act(draft, editor, "approve")
    page = reload(draft)
    revision = page.get_latest_revision()
    page.lead = "Tự động lưu đè"
    page.save_revision(user=reporter, overwrite_revision=revision)
    assert reload(draft).get_latest_revision().pk == revision.pk  # same id, new content
    assert current_task_state(draft).task.name == "Biên tập viên duyệt"


def test_saving_without_content_change_keeps_the_review_where_it_is(draft, reporter, editor, chief):
    submit(draft, reporter)
    act(draft, editor, "approve")
    reload(draft).save_revision(user=editor)
    assert current_task_state(draft).task.name == "Trưởng ban biên tập ký duyệt"
    act(draft, chief, "approve")
    assert reload(draft).live


def test_social_network_source_cannot_be_approved_without_verification(
    news_section, reporter, editor, chief
):
    article = factories.make_article(
        news_section,
        "Thông tin từ mạng xã hội",
        live=False,
        source_type=SourceType.SOCIAL_NETWORK,
        source_url="https://facebook.com/post/1",
    )
    submit(article, reporter)
    with pytest.raises(exceptions.VerificationRequiredError):
        act(article, editor, "approve")
    # One corroborating source, or two on the same site, is not enough.
    record_verification(
        article,
        editor=editor,
        original_post_url="https://facebook.com/post/1",
        note="Đã gọi điện cho UBND phường",
        sources=["https://baochinhphu.vn/a", "https://baochinhphu.vn/b"],
    )
    with pytest.raises(exceptions.VerificationRequiredError):
        act(article, editor, "approve")
    record_verification(
        article,
        editor=editor,
        original_post_url="https://facebook.com/post/1",
        note="Đã gọi điện cho UBND phường",
        sources=["https://baochinhphu.vn/a", "https://hanoimoi.vn/b"],
    )
    # The post's own address is not an official domain: a warning each reviewer acknowledges.
    post = [("link.unknown_domain", "https://facebook.com/post/1")]
    act(article, editor, "approve", acknowledged_warnings=post)
    act(article, chief, "approve", acknowledged_warnings=post)
    assert reload(article).live


def test_request_changes_needs_a_comment_and_returns_the_article_to_its_author(
    draft, reporter, editor
):
    submit(draft, reporter)
    with pytest.raises(exceptions.CommentRequiredError):
        act(draft, editor, "request_changes", comment="  ")
    act(draft, editor, "request_changes", comment="Bổ sung nguồn tin")
    state = reload(draft).current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Bổ sung nguồn tin"


def test_resubmission_after_changes_restarts_at_the_first_stage(draft, reporter, editor, chief):
    submit(draft, reporter)
    act(draft, editor, "approve")
    act(draft, chief, "request_changes", comment="Sửa tiêu đề")
    page = reload(draft)
    page.title = "Tiêu đề mới"
    page.save_revision(user=reporter)
    page.current_workflow_state.resume(reporter)
    assert current_task_state(draft).task.name == "Biên tập viên duyệt"


def test_resubmission_without_changes_resumes_at_the_stage_that_asked(
    draft, reporter, editor, chief
):
    submit(draft, reporter)
    act(draft, editor, "approve")
    act(draft, chief, "request_changes", comment="Xem lại")
    reload(draft).current_workflow_state.resume(reporter)
    assert current_task_state(draft).task.name == "Trưởng ban biên tập ký duyệt"


def test_reject_ends_the_review_without_publishing(draft, reporter, editor):
    submit(draft, reporter)
    act(draft, editor, "reject", comment="Không phù hợp")
    page = reload(draft)
    assert not page.live
    assert page.current_workflow_state is None
    assert page.workflow_states.get().status == WorkflowState.STATUS_CANCELLED


def test_user_outside_the_stage_groups_cannot_act(draft, reporter, chief, auditor):
    submit(draft, reporter)
    for user in (chief, auditor):
        with pytest.raises(exceptions.NotAReviewerError):
            act(draft, user, "approve")


def test_acting_on_a_finished_stage_is_refused_as_already_handled(
    draft, reporter, editor, second_editor
):
    submit(draft, reporter)
    task_state = current_task_state(draft)
    task_state.task.specific.on_action(task_state, editor, "approve")
    with pytest.raises(exceptions.AlreadyHandledError):
        task_state.task.specific.on_action(task_state, second_editor, "approve")
