from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "comity.geo"
    label = "geo"
