from django.urls import path

from comity.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.help_index, name="help"),
]
