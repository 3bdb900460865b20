from django.conf import settings
from django.utils.translation import get_language, get_language_bidi

from comity import __version__


def site(request):
    return {
        "COMITY_VERSION": __version__,
        "LANGUAGE_BIDI": get_language_bidi(),
        "CURRENT_LANGUAGE": get_language(),
        "UI_LANGUAGES": settings.LANGUAGES,
    }
