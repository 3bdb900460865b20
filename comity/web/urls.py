from django.urls import include, path

from comity.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
]
