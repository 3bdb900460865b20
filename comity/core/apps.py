from django.apps import AppConfig
from django.core import signals


class CoreConfig(AppConfig):
    name = "comity.core"
    label = "core"

    def ready(self):
        from comity.core import generations

        signals.request_started.connect(generations.request_started, dispatch_uid="generations")
        signals.request_finished.connect(generations.request_finished, dispatch_uid="generations")
