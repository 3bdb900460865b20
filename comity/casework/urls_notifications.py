from django.urls import path

from comity.casework.views import notifications

urlpatterns = [
    path("notifications/", notifications.notification_list, name="notifications"),
    path(
        "notifications/<int:pk>/read/",
        notifications.notification_read,
        name="notification_read",
    ),
    path("notifications/read/", notifications.notifications_read_all, name="notifications_read"),
]
