from comity.casework.urls_statistics import urlpatterns as statistics_urls

app_name = "casework"

urlpatterns = [
    *statistics_urls,
]
