"""The statistics page of the case register and its downloads (CSV, Excel)."""

import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from comity.casework import statistics, statistics_export
from comity.casework.charts import bar_chart
from comity.casework.statistics_sections import sections
from comity.casework.vocabulary import Direction
from comity.core import access
from comity.core.forms import CheckedForm

DATE_MESSAGES = {"invalid": _("Give a date as YYYY-MM-DD, e.g. 2025-01-31.")}


class PeriodForm(CheckedForm):
    """The period of the statistics (both days included) and, optionally, one direction."""

    start = forms.DateField(
        label=_("From"),
        error_messages=DATE_MESSAGES,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("To"),
        error_messages=DATE_MESSAGES,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    direction = forms.ChoiceField(
        label=_("Direction"),
        required=False,
        choices=[("", _("Sent and received")), *Direction.choices],
        error_messages={"invalid_choice": _("Choose sent, received, or both.")},
    )

    def add_prefix(self, field_name):
        """The parameters are named from and to, as in the API."""
        return {"start": "from", "end": "to"}.get(field_name, field_name)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period is before its start; give a later day."))
        return cleaned


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The current calendar year."""
    today = today or timezone.localdate()
    return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)


def _period_form(request) -> PeriodForm:
    if "from" in request.GET or "to" in request.GET or "direction" in request.GET:
        return PeriodForm(request.GET)
    start, end = default_period()
    return PeriodForm({"from": start.isoformat(), "to": end.isoformat(), "direction": ""})


def _member(request) -> None:
    if not access.is_member(request.user):
        raise Http404


@login_required
@require_GET
def statistics_page(request):
    _member(request)
    form = _period_form(request)
    parts, report = [], None
    if form.is_valid():
        report = statistics.report(request.user, **_period(form))
        rtl = get_language_bidi()
        parts = [
            (section, [bar_chart(c.bars, title=c.title, rtl=rtl) for c in section.charts])
            for section in sections(report)
        ]
    return render(
        request,
        "casework/statistics.html",
        {"form": form, "report": report, "sections": parts, "query": request.GET.urlencode()},
    )


def _period(form: PeriodForm) -> dict:
    data = form.cleaned_data
    return {"start": data["start"], "end": data["end"], "direction": data["direction"]}


def _download(request, fmt: str):
    _member(request)
    form = _period_form(request)
    if not form.is_valid():
        return render(
            request,
            "casework/statistics.html",
            {"form": form, "report": None, "sections": [], "query": ""},
            status=400,
        )
    report = statistics.report(request.user, **_period(form))
    download = statistics_export.export_statistics(report=report, actor=request.user, fmt=fmt)
    response = HttpResponse(download.content, content_type=download.content_type)
    response["Content-Disposition"] = content_disposition_header(True, download.file_name)
    return response


@login_required
@require_GET
def statistics_csv(request):
    return _download(request, statistics_export.CSV)


@login_required
@require_GET
def statistics_xlsx(request):
    return _download(request, statistics_export.XLSX)
