from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "comity.networks"
    label = "networks"
