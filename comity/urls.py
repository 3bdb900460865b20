from django.urls import include, path

from comity.api.urls import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("accounts/", include("comity.accounts.urls")),
    path("audit/", include("comity.audit.urls")),
    path("directory/", include("comity.directory.urls")),
    path("requests/", include("comity.drafting.urls")),
    path("cases/", include("comity.casework.urls")),
    path("library/", include("comity.library.urls")),
    path("networks/", include("comity.networks.urls")),
    path("assessments/", include("comity.assessments.urls")),
    path("projects/", include("comity.assistance.urls")),
    path("liaison/", include("comity.liaison.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("comity.treaties.urls")),
    path("", include("comity.web.urls")),
]

handler400 = "comity.web.views.bad_request"
handler403 = "comity.web.views.permission_denied"
handler404 = "comity.web.views.page_not_found"
handler500 = "comity.web.views.server_error"
