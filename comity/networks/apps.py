from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class NetworksConfig(AppConfig):
    name = "comity.networks"
    label = "networks"

    def ready(self):
        from comity.core.access import forget_network_ids

        # Who belongs to which network decides what people see (core.access.network_ids).
        for model in ("directory.NetworkMember", "networks.Secretary"):
            post_save.connect(forget_network_ids, sender=model, dispatch_uid=f"forget:{model}")
            post_delete.connect(forget_network_ids, sender=model, dispatch_uid=f"forget:{model}")
