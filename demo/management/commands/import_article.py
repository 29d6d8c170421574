"""Import an HTML file as a draft article: the body is the file's HTML, cleaned by the
portal's one allowlist (cms.sanitize) and converted to what Wagtail's rich-text editor holds
(cms.editor_html), so the draft opens in the admin. A link to a page or document that does not
exist, or with a malformed id, refuses the file. The draft then goes through review like any
other."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from cms.editor_html import editor_round_trip, link_problems
from cms.models import ArticlePage, SectionPage
from cms.sanitize import clean_html, clean_rich_text, clean_text
from cms.text import fold

MAX_FILE_BYTES = 2 * 1024 * 1024


class Command(BaseCommand):
    help = "Import an HTML file as a draft article in a section (its HTML is sanitised)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="HTML file (UTF-8)")
        parser.add_argument("--section", required=True, help="Slug of the section")
        parser.add_argument("--title", required=True)
        parser.add_argument("--lead", default="", help="Opening summary (plain text)")
        parser.add_argument("--author", help="Username the draft is saved as")

    def handle(self, *args, file, section, title, lead, author=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp / file not found: {file}")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError("Tệp quá lớn (tối đa 2 MB) / file too large (2 MB at most).")
        parent = SectionPage.objects.filter(slug=section).first()
        if parent is None:
            raise CommandError(f"Không có chuyên mục / no section with slug: {section}")
        user = None
        if author:
            user = get_user_model().objects.filter(username=author).first()
            if user is None:
                raise CommandError(f"Không có tài khoản / no user: {author}")
        html = path.read_text(encoding="utf-8", errors="replace")
        problems = link_problems(clean_html(html))
        if problems:
            raise CommandError(
                "Liên kết không hợp lệ, chưa nhập bài / invalid links, nothing imported:\n"
                + "\n".join(problems)
            )
        html = editor_round_trip(clean_rich_text(html))
        title = clean_text(title)[:255]
        if not title:
            raise CommandError(
                "Tiêu đề không hợp lệ: không còn chữ nào sau khi làm sạch / "
                "the title is empty once cleaned."
            )
        article = ArticlePage(
            title=title,
            slug=self.free_slug(parent, title),
            lead=clean_text(lead)[:1000] or title,
            body=[("paragraph", html)],
            live=False,
        )
        parent.add_child(instance=article)
        article.save_revision(user=user, log_action=True)
        self.stdout.write(f"{article.pk}")

    def free_slug(self, parent, title):
        base = slugify(fold(title))[:200] or "bai-nhap"
        slug, number = base, 1
        while parent.get_children().filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug
