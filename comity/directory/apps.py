from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DirectoryConfig(AppConfig):
    name = "comity.directory"
    label = "directory"

    def ready(self):
        # The free-text index is rebuilt and the stored search results checked after every
        # migrate (see search_index.py and listing.py for why).
        post_migrate.connect(_ensure_index, sender=self, dispatch_uid="directory-search-index")


def _ensure_index(sender, using="default", **kwargs):
    from comity.directory.listing import refresh_all
    from comity.directory.search_index import ensure

    ensure(using)
    refresh_all()
