from django.urls import path

from comity.casework.views import statistics

urlpatterns = [
    path("statistics/", statistics.statistics_page, name="statistics"),
    path("statistics.csv", statistics.statistics_csv, name="statistics_csv"),
    path("statistics.xlsx", statistics.statistics_xlsx, name="statistics_xlsx"),
]
