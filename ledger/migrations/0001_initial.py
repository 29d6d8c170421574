"""The ledger's model, moved from ``editorial`` (where migration 0002_approval_ledger created
it) without touching the database: the table keeps its name (``editorial_ledgerentry``), its
rows, indexes, constraint, triggers and the append function. Only Django's state moves, and the
content type follows, so permissions (``view_ledgerentry`` of the auditors and administrators)
and log entries keep pointing at it. ``editorial`` 0009 removes the model from its own state.
"""

from django.db import migrations, models

MODELS = ["ledgerentry"]
OLD_APP, NEW_APP = "editorial", "ledger"


def _move_content_types(apps, source, target):
    """Give the content types of MODELS the app label ``target``. Should ``target``'s already
    exist (created by a post_migrate in between), its permissions and their grants join the
    ones of the moved content type and it is removed: ids that permissions, groups and log
    entries hold stay valid."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MODELS:
        moved = ContentType.objects.filter(app_label=source, model=model).first()
        if moved is None:
            continue
        existing = ContentType.objects.filter(app_label=target, model=model).first()
        if existing is not None:
            for permission in Permission.objects.filter(content_type=existing):
                kept = Permission.objects.filter(
                    content_type=moved, codename=permission.codename
                ).first()
                if kept is None:
                    permission.content_type = moved
                    permission.save(update_fields=["content_type"])
                    continue
                for group in permission.group_set.all():
                    group.permissions.add(kept)
                for user in permission.user_set.all():
                    user.user_permissions.add(kept)
                permission.delete()
            existing.delete()
        moved.app_label = target
        moved.save(update_fields=["app_label"])


def forward(apps, schema_editor):
    _move_content_types(apps, OLD_APP, NEW_APP)


def reverse(apps, schema_editor):
    _move_content_types(apps, NEW_APP, OLD_APP)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("editorial", "0008_ledger_append_function"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='LedgerEntry',
                    fields=[
                        ('seq', models.BigIntegerField(primary_key=True, serialize=False, verbose_name='number')),
                        ('prev_hash', models.CharField(max_length=64, unique=True, verbose_name='previous hash')),
                        ('entry_hash', models.CharField(max_length=64, unique=True, verbose_name='hash')),
                        ('created_at', models.DateTimeField(db_index=True, verbose_name='time (UTC)')),
                        ('action', models.CharField(db_index=True, max_length=100, verbose_name='action')),
                        ('actor_id', models.BigIntegerField(blank=True, db_index=True, null=True, verbose_name='actor id')),
                        ('actor_username', models.CharField(blank=True, max_length=150, verbose_name='username')),
                        ('actor_full_name', models.CharField(blank=True, max_length=300, verbose_name='full name')),
                        ('actor_roles', models.CharField(blank=True, max_length=500, verbose_name='role')),
                        ('actor_title', models.CharField(blank=True, max_length=255, verbose_name='job title')),
                        ('page_id', models.BigIntegerField(blank=True, db_index=True, null=True, verbose_name='page id')),
                        ('page_type', models.CharField(blank=True, max_length=100, verbose_name='page type')),
                        ('page_title', models.TextField(blank=True, verbose_name='page title')),
                        ('page_url_path', models.TextField(blank=True, verbose_name='URL path')),
                        ('section_id', models.BigIntegerField(blank=True, null=True, verbose_name='section id')),
                        ('section_title', models.CharField(blank=True, max_length=255, verbose_name='section')),
                        ('source_type', models.CharField(blank=True, max_length=30, verbose_name='source type')),
                        ('object_type', models.CharField(blank=True, max_length=100, verbose_name='object type')),
                        ('object_id', models.CharField(blank=True, max_length=64, verbose_name='object id')),
                        ('object_repr', models.TextField(blank=True, verbose_name='object')),
                        ('revision_id', models.BigIntegerField(blank=True, null=True, verbose_name='revision id')),
                        ('content_sha256', models.CharField(blank=True, max_length=64, verbose_name='content SHA-256')),
                        ('stage', models.CharField(blank=True, max_length=255, verbose_name='stage')),
                        ('comment', models.TextField(blank=True, verbose_name='comment')),
                        ('ip_address', models.CharField(blank=True, max_length=45, verbose_name='IP address')),
                        ('user_agent', models.TextField(blank=True, verbose_name='user agent')),
                        ('source_log', models.CharField(blank=True, max_length=40, verbose_name='source log entry')),
                        ('extra_json', models.TextField(blank=True, default='{}', verbose_name='details')),
                    ],
                    options={
                        'db_table': 'editorial_ledgerentry',
                        'verbose_name': 'ledger entry',
                        'verbose_name_plural': 'ledger entries',
                        'ordering': ['seq'],
                        'indexes': [models.Index(fields=['section_id', 'created_at'], name='editorial_l_section_1bd63c_idx')],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('source_log', ''), _negated=True), fields=('source_log',), name='editorial_ledger_one_entry_per_log_entry')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forward, reverse),
    ]
