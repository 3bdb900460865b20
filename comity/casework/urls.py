from comity.casework import urls_letters, urls_notifications, urls_statistics

app_name = "casework"

urlpatterns = [
    *urls_statistics.urlpatterns,
    *urls_notifications.urlpatterns,
    *urls_letters.urlpatterns,
]
