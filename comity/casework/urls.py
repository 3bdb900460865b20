from comity.casework import urls_letters, urls_notifications

app_name = "casework"

urlpatterns = [
    *urls_notifications.urlpatterns,
    *urls_letters.urlpatterns,
]
