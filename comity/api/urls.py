from ninja import Field, NinjaAPI, Schema

from comity import __version__
from comity.accounts.authentication import SessionOrToken
from comity.api.errors import install_error_handlers
from comity.api.parser import ObjectParser

api = NinjaAPI(
    title="comity API",
    version="1",
    description="International cooperation in criminal matters: directory, treaties, requests.",
    urls_namespace="api",
    auth=SessionOrToken(),
    parser=ObjectParser(),
)
install_error_handlers(api)


class HealthOut(Schema):
    status: str = Field(..., description="ok")
    version: str = Field(..., description="comity's version")


@api.get("/health", response=HealthOut, auth=None, tags=["reference"], summary="Liveness check")
def health(request):
    return {"status": "ok", "version": __version__}


def _mount_routers():
    from comity.directory.api import authorities_router
    from comity.geo.api import router as geo_router
    from comity.treaties.api import countries_router, instruments_router, legal_basis_router

    api.add_router("/countries", geo_router, tags=["reference"])
    api.add_router("/countries", countries_router, tags=["reference"])
    api.add_router("/instruments", instruments_router, tags=["treaties"])
    api.add_router("/legal-basis", legal_basis_router, tags=["treaties"])
    from comity.drafting.api import router as requests_router

    api.add_router("/requests", requests_router, tags=["requests"])
    api.add_router("/authorities", authorities_router, tags=["directory"])
    from comity.casework.api import router as cases_router

    api.add_router("/cases", cases_router, tags=["cases"])
    from comity.library.api import router as library_router

    api.add_router("/library", library_router, tags=["library"])
    from comity.assessments.api import map_router
    from comity.assessments.api import router as assessments_router
    from comity.assistance.api import router as projects_router
    from comity.networks.api import actions_router, events_router, networks_router

    api.add_router("/networks", networks_router, tags=["networks"])
    api.add_router("/events", events_router, tags=["networks"])
    api.add_router("/actions", actions_router, tags=["networks"])
    from comity.networks.training_api import courses_router

    api.add_router("/courses", courses_router, tags=["networks"])
    api.add_router("/assessments", assessments_router, tags=["assessments"])
    api.add_router("/networks", map_router, tags=["assessments"])
    api.add_router("/projects", projects_router, tags=["assistance"])
    from comity.liaison.api import router as liaison_router

    api.add_router("/messages", liaison_router, tags=["liaison"])


_mount_routers()
