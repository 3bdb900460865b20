"""The site's frame: parts that are the same for everyone in one language, written once.

- `{% main_nav %}`: the main navigation, the same for everyone of a kind in one language;
- `{% per_language %}…{% end_per_language %}`: any template text that depends only on the
  language (translated labels, links, static files), rendered once per process and language.
"""

from functools import lru_cache

from django import template
from django.template.base import Node
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from comity.web.context import site

register = template.Library()

# (URL name, label) of the main navigation, in order; then what administrators see as well.
_SIGNED_IN = (
    ("drafting:list", _("Requests")),
    ("casework:list", _("Case register")),
    ("directory:authority_list", _("Directory")),
    ("directory:country_list", _("States")),
    ("networks:list", _("Networks")),
    ("directory:compare", _("Compare States")),
    ("treaties:legal_basis", _("Which legal basis?")),
    ("treaties:instrument_list", _("Treaties")),
)
# For those with a part in their contact point's informal channel (User.liaison_role).
_LIAISON = (("liaison:inbox", _("Informal channel")),)
_ADMINS = (
    ("audit:log", _("Audit log")),
    ("accounts:user_list", _("Users")),
)
# Last, for everyone, visitors included.
_EVERYONE = (("library:search", _("Library")), ("web:help", _("Help")))


@register.simple_tag(takes_context=True)
def main_nav(context) -> str:
    """The <li> links of the main navigation for the user (visitors: only the help)."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        kind = "visitor"
    elif user.is_site_admin or user.is_authority_admin:
        kind = "admin"
    else:
        kind = "signed_in"
    liaison = bool(user is not None and user.is_authenticated and user.liaison_role)
    return _links(kind, liaison, get_language() or "", get_script_prefix())


@lru_cache(maxsize=64)
def _links(kind: str, liaison: bool, language: str, prefix: str) -> str:
    """Written once per process for each kind of user, language and script prefix (the key:
    the labels and reverse() read the active ones)."""
    links = () if kind == "visitor" else _SIGNED_IN
    if liaison:
        links = links[:2] + _LIAISON + links[2:]
    links += (_ADMINS if kind == "admin" else ()) + _EVERYONE
    return format_html_join(
        "\n          ", '<li><a href="{}">{}</a></li>', ((reverse(n), label) for n, label in links)
    )


@register.tag
def per_language(parser, token):
    nodelist = parser.parse(("end_per_language",))
    parser.delete_first_token()
    return PerLanguageNode(nodelist)


class PerLanguageNode(Node):
    """Text that depends only on the active language, rendered once per language and script
    prefix in each process (a template is compiled once per process).

    It is rendered without the page's context: only the site's language variables
    (comity.web.context.site) are there, so a variable of the request, the user or the page
    inside it is empty, and nothing of one request can reach another.
    """

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered: dict[tuple[str, str], str] = {}

    def render(self, context):
        key = (get_language() or "", get_script_prefix())
        found = self.rendered.get(key)
        if found is None:
            found = self.rendered[key] = self.nodelist.render(context.new(site(None)))
        return found
