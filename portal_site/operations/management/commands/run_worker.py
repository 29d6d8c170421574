"""The task worker: django-tasks-db's ``db_worker`` plus the once-a-minute periodic work.

``make run`` starts it next to the development server; production runs it as
``deploy/systemd/portal-worker.service``. Several workers may run (on one host or several):
each claims a task with a row lock, and a periodic task is not enqueued while one is waiting.
"""

import logging
import threading

from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from portal_site.operations.periodic import enqueue_periodic

logger = logging.getLogger(__name__)


class Command(DbWorkerCommand):
    help = "Run background tasks and enqueue the periodic ones every minute."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--schedule-interval",
            type=float,
            default=60.0,
            help="Seconds between enqueuing the periodic tasks; 0 turns them off (default: 60).",
        )

    def handle(self, *args, schedule_interval=60.0, **options):
        if schedule_interval > 0:
            stop = threading.Event()
            thread = threading.Thread(
                target=self.schedule, args=(schedule_interval, stop), daemon=True
            )
            thread.start()
        # The autoreloader would run the scheduler in two processes.
        options["reload"] = False
        return super().handle(*args, **options)

    def schedule(self, interval, stop):
        while not stop.is_set():
            try:
                close_old_connections()
                enqueue_periodic()
            except Exception:
                # The database may be away for a while: try again at the next tick.
                logger.exception("Could not enqueue the periodic tasks")
            finally:
                close_old_connections()
            stop.wait(interval)
