from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "comity.audit"
    label = "audit"
