from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "comity.accounts"
    label = "accounts"

    def ready(self):
        # Connects the audit receivers for sign-in and sign-out.
        from comity.accounts import signals  # noqa: F401
