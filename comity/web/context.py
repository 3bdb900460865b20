from django.utils.translation import get_language, get_language_bidi

from comity import __version__
from comity.core import languages


def site(request):
    current = get_language()
    language = languages.by_code(current or "en")
    return {
        "COMITY_VERSION": __version__,
        "LANGUAGE_BIDI": get_language_bidi(),
        "CURRENT_LANGUAGE": current,
        "CURRENT_LANGUAGE_NAME": language.native if language else current,
        "UI_LANGUAGES": languages.LANGUAGES,
    }
