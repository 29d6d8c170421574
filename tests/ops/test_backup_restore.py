"""Issue 17, finding 7: backups that restore (the restore drill).

Back up, write more (an approved article with its ledger entries, a citizen report), restore
into the same database: the ledger verifies, the head written down after the backup is
explained as lost by the restore (not as a rewritten history), the lost report is counted, and
no cached page shows the article that the restored database does not hold.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.caching.page_cache import CACHE_HEADER
from cms.models import ArticlePage
from tests import factories


def run(*args, **options):
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def head():
    match = re.search(r"Head: #(\d+) ([0-9a-f]{64})", run("verify_ledger", "--head"))
    return int(match.group(1)), match.group(2)


@pytest.fixture
def page_cache(redis_cache, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    return redis_cache


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_drill(client, page_cache, tmp_path, settings):
    from django.db import connection

    from citizen_reports.models import HarmfulContentReport
    from portal_site.operations.models import RestoreRecord

    if connection.vendor != "postgresql":
        pytest.skip("the drill restores with pg_restore: needs PostgreSQL (DATABASE_URL)")
    home = factories.make_home()
    section = factories.make_section(home, "Tin tức")
    before = factories.make_article(section, "Bài có trước bản sao lưu")
    (settings.MEDIA_ROOT / "original_images").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "original_images" / "kept.txt").write_text("kept")

    out = run("backup_portal", to=str(tmp_path / "backups"), name="drill")
    backup_head = head()
    assert f"#{backup_head[0]} {backup_head[1]}" in out

    # Written after the backup: an approved article, a citizen report, a media file.
    after = factories.make_article(section, "Bài viết sau bản sao lưu")
    HarmfulContentReport.receive(
        link="https://example.com/x", description="Tin giả", category="false_news"
    )
    (settings.MEDIA_ROOT / "original_images" / "later.txt").write_text("later")
    later_head = head()
    assert later_head[0] > backup_head[0]
    for _ in range(2):
        response = client.get(after.url)
    assert response.status_code == 200 and response[CACHE_HEADER] == "hit"

    out = run("restore_portal", str(tmp_path / "backups" / "drill"), yes=True)

    assert "Ledger OK" in out
    assert f"#{backup_head[0] + 1} to #{later_head[0]}" in out
    assert "Citizen reports received after the backup and lost: 1" in out
    assert head() == backup_head
    run("verify_ledger", "--expect-head", backup_head[1])
    with pytest.raises(CommandError) as lost:
        run("verify_ledger", "--expect-head", later_head[1])
    assert lost.value.returncode == 3
    assert "lost by the restore" in str(lost.value)
    assert "not a rewritten history" in str(lost.value)
    record = RestoreRecord.objects.get()
    assert record.backup_head_seq == backup_head[0]
    assert record.lost_heads[-1] == {"seq": later_head[0], "hash": later_head[1]}

    # Readers: the article written after the backup is gone, from the cache too.
    assert not ArticlePage.objects.filter(pk=after.pk).exists()
    assert client.get(after.url).status_code == 404
    assert client.get(before.url).status_code == 200
    assert HarmfulContentReport.objects.count() == 0
    assert (settings.MEDIA_ROOT / "original_images" / "kept.txt").read_text() == "kept"
    assert not (settings.MEDIA_ROOT / "original_images" / "later.txt").exists()


def test_a_rewritten_history_is_still_reported_as_tampering(db):
    """A hash that no restore lost and that is not in the chain stays a failure (status 1)."""
    home = factories.make_home()
    factories.make_article(factories.make_section(home, "Tin"), "Bài")
    with pytest.raises(CommandError) as failed:
        run("verify_ledger", "--expect-head", "0" * 64)
    assert failed.value.returncode == 1
    assert "rewritten" in str(failed.value)


def test_restore_refuses_without_yes_and_a_directory_that_is_no_backup(db, tmp_path):
    with pytest.raises(CommandError, match="not a portal backup"):
        run("restore_portal", str(tmp_path), yes=True)
