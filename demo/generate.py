"""Bulk generation of reviewed articles for benchmarks (``manage.py generate_articles``).

Going through ``publish_reviewed`` costs ~100 ms per article; this writes the same records in
batches instead, and holds itself to the invariant the publish guard (``editorial.guard``)
enforces for every live page:

- the live revision's content hash (``editorial.content``) is computed from the page exactly as
  the guard computes it, and the page goes live only with a ``PublicationClearance`` (status
  LIVE) of that hash;
- every stage of the section's review workflow has a ``ReviewApproval`` of that hash by a
  reviewer of the stage; the approvers are two different people and neither is the author;
- the review history exists as Wagtail keeps it (workflow state, pinned task states, page log
  entries) and every editorial event is appended to the approval ledger's hash chain under its
  append lock, so ``manage.py verify_ledger`` passes afterwards. Ledger entries carry
  ``{"generated_by": "generate_articles"}`` so an auditor can tell benchmark data from real
  reviews; their time is the time of writing, the simulated event time is in the details.

Rows are inserted with bulk statements, which send no ``pre_save`` signal; ``check_batch``
checks every page of a batch against the guard's condition (a valid clearance of its content
hash) before the batch commits, and recomputes the hash from stored rows for a sample, so a
generator bug that would put unreviewed content live fails the command and writes nothing.
"""

import datetime
import io
import random
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

from cms.models import ArticlePage, ArticlePageTag, PortalImage, SectionPage
from cms.models.pages import SourceType
from cms.text import fold
from editorial import roles
from editorial.actions.base import stages_of
from editorial.content import content_json, page_content_hash, sha256
from editorial.exceptions import UnreviewedPublishError
from editorial.models import PinnedTaskState, PublicationClearance, ReviewApproval
from editorial.rules import stage_kind
from ledger.append import actor_facts, append, entry_fields
from ledger.models import LedgerEntry

GENERATED_MARK = {"generated_by": "generate_articles"}
# Every rendition readers' pages and the API ask for (cms.listings, cms.api.serializers).
RENDITION_SPECS = (
    "fill-160x90",
    "fill-480x270",
    "width-800",
    "width-1000",
    "width-1200",
)

SUBJECTS = [
    "Ủy ban nhân dân phường",
    "Hội Liên hiệp Phụ nữ",
    "Đoàn Thanh niên",
    "Trường Tiểu học Kim Đồng",
    "Trạm Y tế phường",
    "Công an phường",
    "Mặt trận Tổ quốc",
    "Hội Cựu chiến binh",
    "Tổ dân phố số 5",
    "Ban Chỉ huy Quân sự",
]
ACTIONS = [
    "triển khai kế hoạch",
    "tổ chức hội nghị về",
    "ra quân hưởng ứng",
    "kiểm tra công tác",
    "tuyên truyền về",
    "tổng kết",
    "phát động phong trào",
    "hướng dẫn người dân về",
]
TOPICS = [
    "phòng chống dịch bệnh mùa mưa",
    "chuyển đổi số trong thủ tục hành chính",
    "an toàn giao thông trước cổng trường",
    "bảo vệ môi trường và phân loại rác tại nguồn",
    "phòng cháy chữa cháy khu dân cư",
    "cấp căn cước cho trẻ em",
    "ứng xử văn minh trên mạng xã hội",
    "chăm sóc người cao tuổi",
    "tiêm chủng mở rộng",
    "xây dựng khu phố văn hóa",
    "dịch vụ công trực tuyến toàn trình",
    "phòng chống lừa đảo qua mạng",
]
TAGS = [
    "chuyển đổi số",
    "giáo dục",
    "y tế",
    "an ninh trật tự",
    "môi trường",
    "văn hóa",
    "thủ tục hành chính",
    "an toàn giao thông",
    "phòng cháy chữa cháy",
    "người cao tuổi",
    "thanh niên",
    "phụ nữ",
    "trẻ em",
    "dịch vụ công",
    "mạng xã hội",
    "kinh tế",
]
PARAGRAPHS = [
    "Theo kế hoạch, các tổ dân phố phối hợp với lực lượng đoàn viên, thanh niên đến từng hộ gia "
    "đình để hướng dẫn, giải đáp thắc mắc và ghi nhận ý kiến của người dân.",
    "Phát biểu tại buổi làm việc, đồng chí Phó Chủ tịch Ủy ban nhân dân phường đề nghị các đơn "
    "vị khẩn trương hoàn thành nhiệm vụ được giao, báo cáo kết quả trước ngày 30 hằng tháng.",
    "Người dân có thể tra cứu thông tin, nộp hồ sơ và theo dõi tiến độ giải quyết trên Cổng "
    "dịch vụ công quốc gia mà không cần đến trụ sở.",
    "Qua kiểm tra, đoàn ghi nhận nhiều chuyển biến tích cực; một số tồn tại đã được chỉ ra và "
    "yêu cầu khắc phục trong thời hạn 15 ngày.",
    "Ủy ban nhân dân phường khuyến cáo người dân chỉ tiếp nhận thông tin từ các nguồn chính "
    "thống và báo ngay cho cơ quan chức năng khi phát hiện dấu hiệu bất thường.",
    "Kết thúc đợt cao điểm, phường đã tổ chức 24 buổi tuyên truyền với hơn 3.000 lượt người "
    "tham dự, phát 5.000 tờ rơi và treo 120 băng rôn tại các tuyến phố chính.",
]
SOURCES = [
    (SourceType.ORIGINAL, "", ""),
    (SourceType.ORIGINAL, "", ""),
    (SourceType.ORIGINAL, "", ""),
    (SourceType.AGENCY_DOCUMENT, "Kế hoạch số 125/KH-UBND", ""),
    (SourceType.OTHER_OUTLET, "Báo Hà Nội Mới", "https://hanoimoi.vn/"),
]
BYLINES = ["Minh Anh", "Thu Hà", "Quốc Bảo", "Ngọc Lan", "Văn Hùng", "Phương Thảo"]


class GenerationRefused(Exception):
    """The generator found nothing sensible to write to (no section, no review workflow)."""


def _alloc_ids(model, count):
    """Reserve ``count`` ids from the table's sequence (PostgreSQL; elsewhere from max(id))."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return list(range(last + 1, last + count + 1))


def make_images(count, rng):
    """A handful of generated originals with every public rendition created now, so no
    reader's request ever generates one."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    images = []
    for i in range(count):
        base = (rng.randrange(40, 200), rng.randrange(40, 200), rng.randrange(40, 200))
        picture = PILImage.new("RGB", (1600, 900), base)
        draw = ImageDraw.Draw(picture)
        for k in range(12):
            shade = tuple(min(255, c + 8 * k) for c in base)
            draw.rectangle([k * 60, k * 30, 1600 - k * 60, 900 - k * 30], outline=shade, width=8)
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=80)
        buffer.seek(0)
        image = PortalImage.objects.create(
            title=f"Ảnh minh họa {i + 1}",
            description=f"Ảnh minh họa số {i + 1} cho tin bài",
            file=ImageFile(buffer, name=f"generated-{i + 1}.jpg"),
        )
        for spec in RENDITION_SPECS:
            image.get_rendition(spec)
        images.append(image)
    return images


def ensure_staff():
    """The author and reviewers of generated articles: accounts without a usable password (no
    one can sign in as them), in the roles the review workflow asks for."""
    User = get_user_model()
    names = {
        "gen-phongvien": (roles.REPORTERS, "Phóng viên", "Tạo sẵn"),
        "gen-bientap": (roles.EDITORS, "Biên tập viên", "Tạo sẵn"),
        "gen-truongban": (roles.CHIEF_EDITORS, "Trưởng ban", "Tạo sẵn"),
    }
    users = {}
    for username, (role, first, last) in names.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first, last_name=last)
            user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=role))
        users[username] = user
    return users["gen-phongvien"], users["gen-bientap"], users["gen-truongban"]


def reviewer_for(task, exclude, fallback):
    """A reviewer of ``task`` who is none of ``exclude``."""
    specific = task.specific
    for user in [fallback, *get_user_model().objects.filter(groups__in=specific.groups.all())]:
        if user.pk not in exclude and specific.user_is_reviewer(user):
            return user
    raise GenerationRefused(f"no reviewer for stage {task.name!r} other than {exclude}")


def plan_stage_records(tasks, reviewers):
    """What each generated clearance records of its stages, as ``PublishSignedOff`` does."""
    held = {}
    for user_id, name in Group.objects.filter(user__in=[r.pk for r in reviewers]).values_list(
        "user", "name"
    ):
        held.setdefault(user_id, []).append(name)
    return [
        {
            "user_id": reviewer.pk,
            "username": reviewer.get_username(),
            "roles": sorted(
                name
                for name in held.get(reviewer.pk, [])
                if name in (roles.EDITORS, roles.CHIEF_EDITORS)
            ),
            "stage_id": task.pk,
            "stage": task.name,
            "kind": stage_kind(task),
        }
        for task, reviewer in zip(tasks, reviewers, strict=True)
    ]


class SectionPlan:
    """Where a section's next generated articles go, and who reviews them."""

    def __init__(self, section, author, editor, chief):
        self.section = section
        workflow = section.get_workflow()
        if workflow is None:
            raise GenerationRefused(f"section {section.title!r} has no review workflow")
        self.workflow = workflow
        self.tasks = stages_of(workflow.pk)
        if not self.tasks:
            raise GenerationRefused(f"workflow {workflow.name!r} has no stage")
        reviewers, exclude = [], {author.pk}
        for task, fallback in zip(self.tasks, [editor, chief, *([chief] * 8)], strict=False):
            reviewer = reviewer_for(task, exclude, fallback)
            reviewers.append(reviewer)
            exclude.add(reviewer.pk)
        self.reviewers = reviewers
        self.stage_records = plan_stage_records(self.tasks, reviewers)
        last = section.get_last_child()
        self.next_step = (int(last.path[-Page.steplen :], 36) + 1) if last else 1
        self.added = 0
        self.ledger_facts = (section.pk, section.title[:255])

    def next_path(self):
        path = Page._get_path(self.section.path, self.section.depth + 1, self.next_step)
        self.next_step += 1
        self.added += 1
        return path


class Generator:
    def __init__(self, *, seed=2026, years=10, image_count=8, batch_size=1000, stdout=None):
        self.rng = random.Random(seed)  # noqa: S311 - sample content, not secrets
        self.years = years
        self.image_count = image_count
        self.batch_size = batch_size
        self.stdout = stdout
        self.now = timezone.now()
        self.article_ct = ContentType.objects.get_for_model(ArticlePage)
        self.page_ct = ContentType.objects.get_for_model(Page)
        self.task_state_ct = ContentType.objects.get_for_model(PinnedTaskState)
        self.counter = 0

    def setup(self):
        from wagtail.models import Locale

        self.author, editor, chief = ensure_staff()
        self.locale = Locale.get_default()
        sections = list(
            SectionPage.objects.exact_type(SectionPage).live().order_by("path").specific()
        )
        if not sections:
            raise GenerationRefused("no live section: run seed_demo first")
        self.plans = [SectionPlan(s, self.author, editor, chief) for s in sections]
        self.images = make_images(self.image_count, self.rng)
        self.tags = [Tag.objects.get_or_create(name=name)[0] for name in TAGS]
        users = {u.pk: u for plan in self.plans for u in plan.reviewers}
        users[self.author.pk] = self.author
        self.facts = {pk: actor_facts(user) for pk, user in users.items()}

    # --- content -----------------------------------------------------------------------------

    def article(self, plan, page_id):
        rng = self.rng
        self.counter += 1
        title = (
            f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {rng.choice(TOPICS)} "
            f"(tin số {self.counter})"
        )
        published = self.now - datetime.timedelta(
            seconds=rng.randrange(3600, self.years * 365 * 24 * 3600)
        )
        source_type, source_name, source_url = rng.choice(SOURCES)
        image = rng.choice(self.images)
        body = [("paragraph", f"<p>{p}</p>") for p in rng.sample(PARAGRAPHS, 3)]
        if rng.random() < 0.3:
            body.insert(
                2, ("image", {"image": rng.choice(self.images), "caption": "Ảnh: Phóng viên"})
            )
        path = plan.next_path()
        slug = f"{slugify(fold(title))[:200]}-{page_id}"
        page = ArticlePage(
            id=page_id,
            page_ptr_id=page_id,
            path=path,
            depth=plan.section.depth + 1,
            numchild=0,
            title=title,
            draft_title=title,
            slug=slug,
            url_path=f"{plan.section.url_path}{slug}/",
            content_type=self.article_ct,
            locale=self.locale,
            translation_key=uuid.uuid4(),
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            latest_revision_created_at=published,
            owner=self.author,
            lead=f"{title}. {rng.choice(PARAGRAPHS)}",
            hero_image=image,
            hero_caption="Ảnh minh họa",
            body=body,
            byline=rng.choice(BYLINES),
            source_type=source_type,
            source_name=source_name,
            source_url=source_url,
        )
        # Child relations set in memory: nothing to read back from the database.
        page.related_links = []
        page.wagtail_admin_comments = []
        page.tagged_items = [
            ArticlePageTag(tag=tag) for tag in rng.sample(self.tags, rng.randrange(1, 4))
        ]
        page._plan = plan
        return page

    # --- one batch ---------------------------------------------------------------------------

    def write_batch(self, count):
        plans = [self.rng.choice(self.plans) for _ in range(count)]
        page_ids = _alloc_ids(Page, count)
        revision_ids = _alloc_ids(Revision, count)
        state_ids = _alloc_ids(WorkflowState, count)
        stages = max(len(plan.tasks) for plan in plans)
        task_state_ids = iter(_alloc_ids(TaskState, count * stages))
        pages = [self.article(plan, pid) for plan, pid in zip(plans, page_ids, strict=True)]

        revisions, states, task_states, pinned, approvals, clearances, logs = (
            [] for _ in "1234567"
        )
        events = []  # (page, action, user, revision_id, content_hash, stage_title, log, when)
        for page, revision_id, state_id in zip(pages, revision_ids, state_ids, strict=True):
            plan = page._plan
            content = page.serializable_data()
            content_hash = sha256(content_json(content, ArticlePage))
            # The guard's own computation on the page as it will be stored must agree.
            page._content_hash = content_hash
            page.latest_revision_id = revision_id
            page.live_revision_id = revision_id
            published = page.first_published_at
            submitted = published - datetime.timedelta(hours=self.rng.randrange(2, 48))
            revisions.append(
                Revision(
                    id=revision_id,
                    content_type_id=self.article_ct.pk,
                    base_content_type_id=self.page_ct.pk,
                    object_id=str(page.pk),
                    created_at=submitted,
                    user=self.author,
                    object_str=page.title,
                    content=content,
                )
            )
            events.append(
                (page, "portal.review.submit", self.author, revision_id, "", "", None, submitted)
            )
            when = submitted
            state_task_ids = []
            for task, reviewer in zip(plan.tasks, plan.reviewers, strict=True):
                task_state_id = next(task_state_ids)
                started, when = when, when + datetime.timedelta(minutes=self.rng.randrange(5, 600))
                when = min(when, published)
                task_states.append(
                    TaskState(
                        id=task_state_id,
                        workflow_state_id=state_id,
                        revision_id=revision_id,
                        task_id=task.pk,
                        status=TaskState.STATUS_APPROVED,
                        started_at=started,
                        finished_at=when,
                        finished_by=reviewer,
                        content_type_id=self.task_state_ct.pk,
                    )
                )
                pinned.append((task_state_id, content_hash))
                approvals.append(
                    ReviewApproval(
                        workflow_state_id=state_id,
                        task_state_id=task_state_id,
                        task_id=task.pk,
                        page_id=page.pk,
                        revision_id=revision_id,
                        content_hash=content_hash,
                        user=reviewer,
                        comment="",
                    )
                )
                final = task.pk == plan.tasks[-1].pk
                events.append(
                    (
                        page,
                        "portal.review.sign_off" if final else "portal.review.approve",
                        reviewer,
                        revision_id,
                        content_hash,
                        task.name,
                        {"id": task.pk, "title": task.name},
                        when,
                    )
                )
                state_task_ids.append(task_state_id)
            states.append(
                WorkflowState(
                    id=state_id,
                    content_type_id=self.article_ct.pk,
                    base_content_type_id=self.page_ct.pk,
                    object_id=str(page.pk),
                    workflow_id=plan.workflow.pk,
                    status=WorkflowState.STATUS_APPROVED,
                    requested_by=self.author,
                    current_task_state_id=state_task_ids[-1],
                )
            )
            clearances.append(
                PublicationClearance(
                    page_id=page.pk,
                    revision_id=revision_id,
                    workflow_state_id=state_id,
                    content_hash=content_hash,
                    signed_off_by=plan.reviewers[-1],
                    status=PublicationClearance.Status.LIVE,
                    stages=plan.stage_records,
                )
            )
            events.append(
                (
                    page,
                    "wagtail.publish",
                    plan.reviewers[-1],
                    revision_id,
                    content_hash,
                    "",
                    None,
                    published,
                )
            )
            page.approved_at = when
            chief_facts = self.facts[plan.reviewers[-1].pk]
            page.approved_by_role = (chief_facts["actor_title"] or chief_facts["actor_roles"])[:255]
            page.approved_by_name = (
                chief_facts["actor_full_name"] or chief_facts["actor_username"]
            )[:255]

        log_ids = _alloc_ids(PageLogEntry, len(events))
        for log_id, (page, action, user, revision_id, content_hash, _stage, stage_ref, when) in zip(
            log_ids, events, strict=True
        ):
            data = {}
            if action.startswith("portal.review."):
                data = {"content_hash": content_hash, "stage": stage_ref, "comment": ""}
            logs.append(
                PageLogEntry(
                    id=log_id,
                    content_type_id=self.article_ct.pk,
                    label=page.title,
                    action=action,
                    data=data,
                    timestamp=when,
                    user=user,
                    page_id=page.pk,
                    revision_id=revision_id,
                    content_changed=action == "wagtail.publish",
                )
            )

        with transaction.atomic():
            self.insert_pages(pages)
            Revision.objects.bulk_create(revisions)
            WorkflowState.objects.bulk_create(states)
            TaskState.objects.bulk_create(task_states)
            self.insert_child_rows(
                PinnedTaskState,
                [PinnedTaskState(taskstate_ptr_id=i, content_hash=h) for i, h in pinned],
            )
            ReviewApproval.objects.bulk_create(approvals)
            PublicationClearance.objects.bulk_create(clearances)
            PageLogEntry.objects.bulk_create(logs)
            self.append_ledger(events, logs)
            for plan in {id(p): p for p in plans}.values():
                if plan.added:
                    Page.objects.filter(pk=plan.section.pk).update(
                        numchild=plan.section.get_children().count()
                    )
                    plan.added = 0
            self.check_batch(pages)
        self.index(pages)
        return pages

    def insert_pages(self, pages):
        base_fields = list(Page._meta.concrete_fields)
        Page.objects.bulk_create(
            [Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in pages]
        )
        self.insert_child_rows(ArticlePage, pages)
        ArticlePageTag.objects.bulk_create(
            [
                ArticlePageTag(tag=item.tag, content_object_id=page.pk)
                for page in pages
                for item in page.tagged_items.all()
            ]
        )

    @staticmethod
    def insert_child_rows(model, objs):
        """The child table's rows of a multi-table model (``bulk_create`` refuses those)."""
        fields = list(model._meta.local_concrete_fields)
        for obj in objs:
            for field in fields:
                if getattr(field, "auto_now_add", False) and getattr(obj, field.attname) is None:
                    setattr(obj, field.attname, timezone.now())
        model._base_manager._insert(objs, fields=fields, using=connection.alias)

    def append_ledger(self, events, logs):
        """The batch's editorial events on the ledger's chain: the fields as ``record`` defines
        them, chained and inserted by the ledger's one appender (one call for the batch)."""
        rows = []
        for (page, action, user, revision_id, content_hash, stage, _ref, when), log in zip(
            events, logs, strict=True
        ):
            section_id, section_title = page._plan.ledger_facts
            rows.append(
                entry_fields(
                    action,
                    actor=self.facts[user.pk],
                    page={
                        "page_id": page.pk,
                        "page_type": "cms.articlepage",
                        "page_title": page.title,
                        "page_url_path": page.url_path,
                    },
                    section={
                        "section_id": section_id,
                        "section_title": section_title,
                        "source_type": page.source_type,
                    },
                    revision_id=revision_id,
                    content_sha256=content_hash or page._content_hash,
                    stage=stage,
                    source_log=f"page:{log.pk}",
                    extra={**GENERATED_MARK, "event_at": when, "log_uuid": ""},
                )
            )
        append(rows, returning=False)

    def check_batch(self, pages, sample=5):
        """The publish guard's condition on the batch, inside its transaction: every page must
        have a valid clearance of exactly its content hash (one query for the whole batch), and
        for a sample the hash is recomputed from the stored row the way the guard computes it
        (``editorial.guard.check_page_save``). Any miss raises and rolls the batch back."""
        from editorial.models import PublicationClearance

        cleared = set(
            PublicationClearance.objects.filter(
                page_id__in=[page.pk for page in pages],
                status__in=PublicationClearance.VALID,
            ).values_list("page_id", "content_hash")
        )
        if any((page.pk, page._content_hash) not in cleared for page in pages):
            raise UnreviewedPublishError()
        for page in self.rng.sample(pages, min(sample, len(pages))):
            stored = ArticlePage.objects.get(pk=page.pk)
            if page_content_hash(stored) != page._content_hash:
                raise UnreviewedPublishError()

    def analyze(self):
        """Fresh planner statistics after a bulk load: with stale ones PostgreSQL plans the
        search join as a nested loop (700 ms instead of 15 ms at 2,000 articles)."""
        if connection.vendor != "postgresql":
            return
        tables = [
            Page,
            ArticlePage,
            ArticlePageTag,
            Revision,
            PageLogEntry,
            LedgerEntry,
            ReviewApproval,
            PublicationClearance,
        ]
        with connection.cursor() as cursor:
            for model in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
            cursor.execute("ANALYZE wagtailsearch_indexentry")

    def index(self, pages):
        """Add the batch to the search index in one statement. modelsearch's PostgreSQL
        indexer extracts every field once for each of its five columns; during generation a
        memoising indexer extracts each once (the folded text and the body cost most)."""
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend()
        if connection.vendor != "postgresql":
            backend.add_bulk(ArticlePage, pages)
            return
        from modelsearch.backends.database.postgres import postgres as pg_backend

        original = pg_backend.ObjectIndexer

        class MemoisingIndexer(original):
            def prepare_field(self, obj, field):
                if obj is not self.obj:
                    yield from super().prepare_field(obj, field)
                    return
                memo = self.__dict__.setdefault("_memo", {})
                if id(field) not in memo:
                    memo[id(field)] = list(super().prepare_field(obj, field))
                yield from memo[id(field)]

        pg_backend.ObjectIndexer = MemoisingIndexer
        try:
            backend.add_bulk(ArticlePage, pages)
        finally:
            pg_backend.ObjectIndexer = original
