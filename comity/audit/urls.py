from django.urls import path

from comity.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.log, name="log"),
    path("<int:pk>/", views.detail, name="detail"),
]
