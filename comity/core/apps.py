from django.apps import AppConfig
from django.core import signals
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "comity.core"
    label = "core"

    def ready(self):
        from comity.core import generations

        signals.request_started.connect(generations.request_started, dispatch_uid="generations")
        signals.request_finished.connect(generations.request_finished, dispatch_uid="generations")
        post_migrate.connect(_fresh_statistics, sender=self, dispatch_uid="statistics")


def _fresh_statistics(sender, using="default", **kwargs):
    from comity.core import statistics

    statistics.refresh(using)
