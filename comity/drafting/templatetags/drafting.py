from django import template
from django.urls import reverse

from comity.drafting import steps

register = template.Library()
_TITLES = {step.slug: step.title for step in steps.STEPS}


@register.simple_tag
def check_place(request, field: str) -> dict:
    """Where a check's field is entered: {"url": step page with the field's anchor, "step": the
    step's title}."""
    slug, anchor = steps.field_place(field)
    url = reverse("drafting:step", args=[request.pk, slug])
    return {"url": f"{url}#{anchor}" if anchor else url, "step": _TITLES.get(slug, "")}
