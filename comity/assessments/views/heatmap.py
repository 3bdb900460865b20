"""The heat map of a network: its member States x the questionnaire's areas, as an HTML table with
a coloured cell per score band (the numbers in each cell), server-side, without scripts."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from comity.assessments import questionnaires, selectors
from comity.geo.selectors import country_choices


@login_required
@require_GET
def network_map(request, code):
    network = selectors.network_for(request.user, code)
    chosen = request.GET.get("questionnaire", "")
    questionnaire = questionnaires.get(chosen) if chosen else None
    if chosen and questionnaire is None:
        raise Http404
    found = selectors.heat_map(request.user, network, questionnaire)
    names = dict(country_choices())
    rows = []
    if found.questionnaire is not None:
        for row in found.rows:
            rows.append(
                {
                    "state": row.state,
                    "name": names.get(row.state, row.state),
                    "assessment": row.assessment,
                    "cells": [
                        {
                            "score": row.scores.get(area.code),
                            "band": selectors.band(row.scores.get(area.code), found.questionnaire),
                            "answered": row.answered.get(area.code, (0, 0))[0],
                            "questions": row.answered.get(area.code, (0, 0))[1],
                        }
                        for area in found.questionnaire.areas
                    ],
                }
            )
    q = found.questionnaire
    legend = []
    if q is not None:
        for level in q.scale:
            legend.append(
                {
                    "band": selectors.band(level.score, q),
                    "score": level.score,
                    "label": level.label_in(),
                }
            )
    return render(
        request,
        "assessments/map.html",
        {
            "network": network,
            "map": found,
            "questionnaire": q,
            "rows": rows,
            "legend": legend,
            "choices": questionnaires.available(),
        },
    )
