"""Example content of the networks for `make run`: WACAP's member States with example focal
points, the demo account on its secretariat, and one past plenary with an action item. Every
object is marked as example data; none of it describes the real network."""

import datetime

from django.utils import timezone

from comity.assessments import questionnaires
from comity.assessments import services as assessment_services
from comity.assessments.models import Assessment
from comity.directory import services as directory_services
from comity.directory.models import Authority, Network, NetworkMember
from comity.networks import services
from comity.networks.models import Event

EXAMPLE_SOURCE = "Example data created by the demo step of `make run`; not a real designation."
# A few West African States, each with an example focal point (not the real ones).
EXAMPLE_MEMBERS = ("GHA", "NGA", "SEN", "CIV", "TGO", "BEN", "BFA")


def create(user) -> Network | None:
    wacap = Network.objects.filter(code="wacap").first()
    if wacap is None:
        return None
    start = datetime.date(2024, 1, 15)
    for country in EXAMPLE_MEMBERS:
        if NetworkMember.objects.filter(network=wacap, country_id=country).exists():
            continue
        authority = Authority.objects.filter(country_id=country, is_example=True).first()
        directory_services.add_network_member(
            network=wacap,
            country_id=country,
            role="member",
            source=EXAMPLE_SOURCE,
            actor=None,
            is_example=True,
        )
        directory_services.add_network_member(
            network=wacap,
            country_id=country,
            role="focal_point",
            source=EXAMPLE_SOURCE,
            actor=None,
            authority=authority,
            person_name=f"Example Focal Point ({country})",
            email=f"focal.point.{country.lower()}@example.org",
            start=start,
            is_example=True,
        )
    ghana = Authority.objects.filter(country_id="GHA", is_example=True).first()
    if ghana and not ghana.contacts.filter(network=wacap).exists():
        directory_services.save_contact(
            authority=ghana,
            actor=None,
            data={
                "name": "Example Liaison for WACAP",
                "email": "wacap.liaison@example.org",
                "network": wacap,
                "is_example": True,
            },
        )
    services.appoint_secretary(network=wacap, user=user, actor=None)
    if not Event.objects.filter(network=wacap, is_example=True).exists():
        _past_plenary(wacap, user)
    example_assessments(wacap, user)
    return wacap


def _past_plenary(wacap: Network, user) -> None:
    begins = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    begins -= datetime.timedelta(days=60)
    event = services.create_event(
        network=wacap,
        data={
            "kind": "plenary",
            "title": "Example plenary meeting of WACAP",
            "start": begins,
            "end": begins + datetime.timedelta(hours=8),
            "place": "Accra",
            "is_example": True,
        },
        actor=None,
    )
    services.set_agenda(
        event=event,
        items=[{"title": "Opening"}, {"title": "Statistics of requests"}],
        actor=user,
    )
    services.save_minutes(
        event=event,
        minutes="Example minutes: the members exchanged their statistics of requests.",
        decisions=["Each member sends its statistics of requests to the secretariat."],
        actor=None,
    )
    services.transition(event, to="held", actor=None)
    services.add_action(
        event=event,
        title="Send the statistics of requests for last year",
        deadline=timezone.localdate() - datetime.timedelta(days=10),
        owner_name="Example Focal Point (SEN)",
        owner_email="focal.point.sen@example.org",
        actor=None,
    )


# Example scores of Ghana's neighbours, so that the network's heat map has something to compare
# Ghana with: made up, deterministic, marked as example data. Ghana itself is left to assess.
EXAMPLE_ASSESSED = ("NGA", "SEN", "CIV", "TGO", "BEN", "BFA")


def example_assessments(wacap: Network, user) -> None:
    questionnaire = questionnaires.get("untoc")
    if questionnaire is None:
        return
    top = questionnaire.top
    for number, state in enumerate(EXAMPLE_ASSESSED):
        if Assessment.objects.filter(state_id=state, network=wacap, is_example=True).exists():
            continue
        assessment = assessment_services.start_assessment(
            state=state, questionnaire="untoc", network=wacap, actor=user
        )
        Assessment.objects.filter(pk=assessment.pk).update(is_example=True)
        answers = [
            {
                "question": question.code,
                "score": sum(map(ord, state + question.code)) * (2 * number + 3) % (top + 1),
                "comment": "Example score, not an assessment of the real State.",
                "evidence": [],
            }
            for index, question in enumerate(questionnaire.questions.values())
        ]
        assessment_services.save_answers(assessment=assessment, answers=answers, actor=user)
        assessment_services.transition(assessment, to="submitted", actor=user)
