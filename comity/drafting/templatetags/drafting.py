from django import template
from django.urls import reverse

from comity.drafting import flows, steps

register = template.Library()


@register.simple_tag
def check_place(request, field: str) -> dict:
    """Where a check's field is entered in the flow of the request's kind: {"url": step page with
    the field's anchor, "step": the step's title}."""
    slug, anchor = steps.field_place(field, request.kind)
    url = reverse("drafting:step", args=[request.pk, slug])
    found = flows.step(request.kind, slug)
    return {"url": f"{url}#{anchor}" if anchor else url, "step": found.title if found else ""}
