"""Citizen reports' models, moved from ``editorial`` (where migration
0002_reports_and_content_checks created them) without touching the database: the tables keep
their names (``editorial_harmfulcontentreport``, ``editorial_reportstatuschange``) and rows.
Only Django's state moves, and the content types follow, so the moderation group's and the
chief editors' permissions (``view_reporter_contact`` included) and log entries keep pointing
at them. ``editorial`` 0009 removes the models from its own state.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MODELS = ["harmfulcontentreport", "reportstatuschange"]
OLD_APP, NEW_APP = "editorial", "citizen_reports"


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
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HarmfulContentReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('tracking_hash', models.CharField(editable=False, max_length=64, unique=True)),
                        ('link', models.URLField(max_length=2000, verbose_name='link to the content')),
                        ('description', models.TextField(verbose_name='description')),
                        ('category', models.CharField(choices=[('false_information', 'False or distorted information'), ('fraud', 'Scam or fraud'), ('child_abuse', 'Harm to children'), ('violence_hate', 'Violence, hatred or incitement'), ('defamation', 'Insult or defamation of a person or organisation'), ('impersonation', 'Impersonation of an agency or person'), ('other', 'Other')], max_length=30, verbose_name='category')),
                        ('contact_name', models.CharField(blank=True, max_length=255, verbose_name='name')),
                        ('contact_email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                        ('contact_phone', models.CharField(blank=True, max_length=30, verbose_name='phone')),
                        ('status', models.CharField(choices=[('received', 'Received'), ('checking', 'Being checked'), ('forwarded', 'Forwarded to the competent agency'), ('handled', 'Handled'), ('not_actionable', 'Not actionable')], default='received', max_length=20, verbose_name='status')),
                        ('forwarded_to', models.CharField(blank=True, help_text='The competent agency the report was sent to.', max_length=255, verbose_name='forwarded to')),
                        ('moderator_note', models.TextField(blank=True, verbose_name='internal note')),
                        ('received_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='received')),
                        ('due_at', models.DateTimeField(help_text='Two working days after receipt unless changed.', verbose_name='first response due')),
                        ('first_response_at', models.DateTimeField(editable=False, null=True, verbose_name='first response')),
                        ('assignee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='assignee')),
                    ],
                    options={
                        'db_table': 'editorial_harmfulcontentreport',
                        'indexes': [models.Index(fields=['status', 'due_at'], name='editorial_h_status_f37582_idx')],
                        'verbose_name': 'harmful content report',
                        'verbose_name_plural': 'harmful content reports',
                        'ordering': ['due_at', 'pk'],
                        'permissions': [('view_reporter_contact', 'Can see the contact details of reporters')],
                    },
                ),
                migrations.CreateModel(
                    name='ReportStatusChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('from_status', models.CharField(choices=[('received', 'Received'), ('checking', 'Being checked'), ('forwarded', 'Forwarded to the competent agency'), ('handled', 'Handled'), ('not_actionable', 'Not actionable')], max_length=20, verbose_name='from')),
                        ('to_status', models.CharField(choices=[('received', 'Received'), ('checking', 'Being checked'), ('forwarded', 'Forwarded to the competent agency'), ('handled', 'Handled'), ('not_actionable', 'Not actionable')], max_length=20, verbose_name='to')),
                        ('changed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                        ('changed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='citizen_reports.harmfulcontentreport')),
                    ],
                    options={
                        'db_table': 'editorial_reportstatuschange',
                        'verbose_name': 'status change',
                        'verbose_name_plural': 'status changes',
                        'ordering': ['changed_at', 'pk'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forward, reverse),
    ]
