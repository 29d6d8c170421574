"""Running the portal as a service: the task queue, periodic work, backups and restores.

- ``tasks_backend``: django-tasks-db's database backend, also accepting the tasks that Wagtail,
  modelsearch and ``editorial.notifications`` declare with the django-tasks backport.
- ``periodic``: the work the worker does every minute (scheduled publishing and expiry,
  report deadline reminders, ledger anchoring) and the retry of failed tasks.
- ``backup``: ``backup_portal`` / ``restore_portal`` (database, media, ledger head) and the
  restore records that explain ledger heads lost by a restore (``verify_ledger``).

Imports: this package may import every app of the portal (it runs their periodic work); no
app imports it except ``ledger``'s ``verify_ledger`` command, which reads the restore records.
"""
