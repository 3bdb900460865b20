from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from comity.installation.reference import load_reference


class Command(BaseCommand):
    help = _(
        "Load or refresh the reference data shipped in data/: countries, treaties, authorities."
    )

    def handle(self, *args, **options):
        results = load_reference(stdout=self.stdout)
        for name, result in results.items():
            if isinstance(result, dict):
                summary = ", ".join(f"{key} {value}" for key, value in result.items())
            else:
                summary = str(result)
            self.stdout.write(_("%(name)s: %(summary)s") % {"name": name, "summary": summary})
        self.stdout.write(self.style.SUCCESS(_("Reference data loaded.")))
