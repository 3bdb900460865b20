from comity.directory.models import Authority


def directory_summary() -> dict:
    qs = Authority.objects.all()
    return {
        "authorities": qs.count(),
        "states": qs.values("country_id").distinct().count(),
        "stale": qs.stale().count(),
    }
