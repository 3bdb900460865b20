from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "comity.accounts"
    label = "accounts"
