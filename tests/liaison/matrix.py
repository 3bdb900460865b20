"""The permission matrix of the informal channel (pages under /liaison/, API under
/api/v1/messages).

A message belongs to the two contact points that exchange it: the people of the sending and of
the receiving authority who have a part in the channel (User.liaison_role) read it, its officers
and supervisors answer it; forwarding, consenting and naming who sees a protected identity are for
supervisors. Nobody else sees it, not even a site admin: out of scope answers 404.

The people: Ghana's FIU sends, with a `reader`, an officer (`sender`), a `supervisor` and an
officer without a part in the channel (`same_state_no_role`); Nigeria's FIU receives
(`recipient`); Nigeria's police (`bystander`, same State as the recipient) and Germany's police
(`third_state`) are contact points outside the exchange; Ghana's central authority
(`same_state_other`) is not a contact point at all, though its officer has a role in the
channel; `site` is a site admin. The main matrix's completeness tests count these rows too.
"""

from dataclasses import dataclass, field

from django.core.files.base import ContentFile

from comity.accounts.models import Role
from comity.liaison import formal, services
from comity.liaison.models import NamedUser
from tests import factories
from tests.permission import Row as BaseRow

PEOPLE = (
    "anonymous",
    "third_state",
    "same_state_no_role",
    "same_state_other",
    "reader",
    "sender",
    "supervisor",
    "recipient",
    "bystander",
    "site",
)
# The protected person's name is shown only to those named for it, after asking (POST identity).
NOT_NAMED = tuple(p for p in PEOPLE if p != "sender")
# Contact points with no part in the exchange: their boxes open, empty of it.
OUTSIDERS = ("third_state", "same_state_other", "bystander")

SUBJECT = "Two accounts of Harbour Holdings"
ACCOUNT = "GB29 NWBK 6016 1331 9268 19"
PROTECTED_NAME = "Abena Owusu-Mensah"
PDF = b"%PDF-1.7\n%%EOF\n"

#                 anon third no_role other reader sender superv recip bystander site
CHANNEL = "login 200 404 200 200 200 200 200 200 404"
PARTIES = "login 404 404 404 200 200 200 200 404 404"
NOBODY = "login 404 404 404 404 404 404 404 404 404"
# Forwarding, consenting, naming: a supervisor of Ghana's FIU; what Nigeria's gets in {recipient}.
GHANA_SUPERVISOR = "login 404 404 404 404 404 {ok} {recipient} 404 404"
API_CHANNEL = "401 200 404 200 200 200 200 200 200 404"
API_PARTIES = "401 404 404 404 200 200 200 200 404 404"
API_SENDER_SIDE = "401 404 404 404 200 200 200 404 404 404"
API_NOBODY = "401 404 404 404 404 404 404 404 404 404"
API_GHANA_SUPERVISOR = "401 404 404 404 404 404 {ok} {recipient} 404 404"


@dataclass
class World:
    people: dict
    authorities: dict
    values: dict = field(default_factory=dict)


class Row(BaseRow):
    PEOPLE = PEOPLE


get, post, api = Row.get, Row.post, Row.api


def build_world() -> World:
    """The authorities and people, and the exchange: Ghana's H2 request about two accounts (with
    a PDF), Nigeria's answer (from which Ghana started a formal request: a draft of Ghana's), and
    a witness-protection request only its sender is named for."""
    gha_fiu = factories.AuthorityFactory(
        country=factories.country("GHA"), name="Financial Intelligence Centre", kind="fiu"
    )
    gha_ca = factories.AuthorityFactory(
        country=factories.country("GHA"), name="Ghana central authority", kind="central_authority"
    )
    nga_fiu = factories.AuthorityFactory(
        country=factories.country("NGA"), name="Nigerian FIU", kind="fiu"
    )
    nga_police = factories.AuthorityFactory(
        country=factories.country("NGA"), name="Nigeria Police Interpol NCB", kind="police"
    )
    deu_police = factories.AuthorityFactory(
        country=factories.country("DEU"), name="Bundeskriminalamt", kind="police"
    )

    def person(authority, liaison_role):
        return factories.UserFactory(
            authority=authority, role=Role.OFFICER, liaison_role=liaison_role
        )

    people = {
        "third_state": person(deu_police, "supervisor"),
        "same_state_no_role": person(gha_fiu, ""),
        "same_state_other": person(gha_ca, "supervisor"),
        "reader": person(gha_fiu, "reader"),
        "sender": person(gha_fiu, "officer"),
        "supervisor": person(gha_fiu, "supervisor"),
        "recipient": person(nga_fiu, "supervisor"),
        "bystander": person(nga_police, "supervisor"),
        "site": factories.UserFactory(authority=None, is_superuser=True, is_staff=True),
    }
    request = services.send(
        actor=people["sender"],
        to_authority=nga_fiu,
        data={
            "kind": "request",
            "subject": SUBJECT,
            "body": "Holders and movements of the two accounts since 2024, please.",
            "handling": "H2",
            "source_evaluation": "B",
            "information_evaluation": "2",
            "entities": [
                {"type": "account", "value": ACCOUNT},
                {"type": "account", "value": "NG12 0000 1111 2222 3333"},
            ],
        },
        uploads=[ContentFile(PDF, name="statement.pdf")],
    )
    answer = services.send(
        actor=people["recipient"],
        to_authority=gha_fiu,
        data={
            "kind": "answer",
            "subject": "Re: " + SUBJECT,
            "body": "Both accounts belong to a shell company registered in Lagos.",
            "handling": "H1",
            "source_evaluation": "A",
            "information_evaluation": "1",
            "in_reply_to": request,
        },
    )
    draft = formal.request_formally(message=answer, actor=people["sender"]).request_id
    protection = services.send(
        actor=people["sender"],
        to_authority=nga_fiu,
        data={
            "kind": "protection",
            "subject": "Relocation of a witness",
            "handling": "H2",
            "source_evaluation": "A",
            "information_evaluation": "1",
            "protected": {
                "pseudonym": "Witness K",
                "name": PROTECTED_NAME,
                "date_of_birth": "1990-04-02",
                "measures": "Relocation to Nigeria",
            },
        },
    )
    return World(
        people=people,
        authorities={"gha_fiu": gha_fiu, "nga_fiu": nga_fiu, "nga_police": nga_police},
        values={
            "request": request.pk,
            "answer": answer.pk,
            "draft": str(draft),
            "protection": protection.pk,
            "attachment": request.attachments.get().pk,
            "named_sender": NamedUser.objects.get(person__message=protection).pk,
        },
    )


def _page(key, suffix=""):
    return lambda w: f"/liaison/{w.values[key]}/{suffix}"


def _api(key, suffix=""):
    return lambda w: f"/api/v1/messages/{w.values[key]}{suffix}"


def _to_nigerian_police(w) -> dict:
    return {"to_authority": str(w.authorities["nga_police"].pk)}


def _subject(w) -> str:
    return SUBJECT


def _draft(w) -> str:
    return w.values["draft"]


def _protected_name(w) -> str:
    return PROTECTED_NAME


NEW_MESSAGE = {
    "kind": "request",
    "subject": "A stolen vehicle",
    "handling": "H0",
    "source_evaluation": "A",
    "information_evaluation": "1",
    "priority": "routine",
}


def _new_message(w) -> dict:
    return {**NEW_MESSAGE, **_to_nigerian_police(w)}


def _answer(w) -> dict:
    return {
        **NEW_MESSAGE,
        "kind": "answer",
        "subject": "Re: " + SUBJECT,
        "to_authority": str(w.authorities["gha_fiu"].pk),
        "in_reply_to": w.values["request"],
    }


PAGES = {
    "liaison:inbox": [
        get(
            lambda w: "/liaison/?box=all",
            CHANNEL,
            note="a contact point's own box; the exchange is in Ghana's and Nigeria's FIUs' only",
            hidden_from=OUTSIDERS,
            hidden_text=_subject,
        ),
        get(
            lambda w: f"/liaison/?box=all&q={ACCOUNT.replace(' ', '').lower()}",
            CHANNEL,
            note="found through the blind index by the parties only",
            hidden_from=OUTSIDERS,
            hidden_text=_subject,
        ),
    ],
    "liaison:export": [
        get(
            lambda w: "/liaison/export.csv?box=all",
            CHANNEL,
            note="metadata and handling codes only, never a subject",
            hidden_from=PEOPLE,
            hidden_text=_subject,
        )
    ],
    "liaison:compose": [
        get(
            lambda w: "/liaison/new/",
            "login 200 404 200 404 200 200 200 200 404",
            note="officers and supervisors write; readers do not",
        ),
        get(
            lambda w: f"/liaison/new/?reply_to={w.values['request']}",
            "login 404 404 404 404 200 200 200 404 404",
            note="an answer only to a message one may see",
        ),
        get(
            lambda w: f"/liaison/new/?consent_for={w.values['answer']}",
            "login 404 404 404 404 200 200 200 404 404",
        ),
        post(
            lambda w: "/liaison/new/",
            "login 302 404 400 404 302 302 302 400 404",
            data=_new_message,
            note="to Nigeria's police: a central authority is no contact point; nobody writes to "
            "their own",
        ),
        post(
            lambda w: f"/liaison/new/?reply_to={w.values['request']}",
            "login 404 404 404 404 400 400 302 404 404",
            data=_answer,
            note="Nigeria answers Ghana's request; Ghana cannot write to itself",
        ),
    ],
    "liaison:message": [
        get(_page("request"), PARTIES),
        get(
            _page("answer"),
            PARTIES,
            note="Ghana's draft started from it is Ghana's: not shown to Nigeria",
            hidden_from=("recipient",),
            hidden_text=_draft,
        ),
        get(
            _page("protection"),
            PARTIES,
            note="the protected person by pseudonym; the identity only on asking (identity)",
            hidden_from=NOT_NAMED,
            hidden_text=_protected_name,
        ),
    ],
    "liaison:forward": [
        post(
            _page("request", "forward/"),
            GHANA_SUPERVISOR.format(ok=302, recipient=409),
            data=_to_nigerian_police,
            note="H2: Ghana passes its own request on; Nigeria only with Ghana's consent",
        ),
        post(
            _page("protection", "forward/"),
            GHANA_SUPERVISOR.format(ok=400, recipient=400),
            data=_to_nigerian_police,
            note="a witness-protection request is never forwarded",
        ),
    ],
    "liaison:consent": [
        post(
            _page("answer", "consent/"),
            GHANA_SUPERVISOR.format(ok=302, recipient=400),
            data=lambda w: {"granted": "yes", "note": ""},
            note="the answer carries Ghana's H2 information: only Ghana consents",
        )
    ],
    "liaison:formal": [
        post(
            _page("answer", "formal/"),
            "login 404 404 404 404 302 302 400 404 404",
            note="a draft in the request writer from Nigeria's answer; Nigeria's own answer is "
            "its own information",
        ),
        post(
            _page("request", "formal/"),
            "login 404 404 404 404 302 302 409 404 404",
            note="Ghana may go formal from its own request; Nigeria needs Ghana's consent first "
            "(H2)",
        ),
        post(
            _page("protection", "formal/"),
            "login 404 404 404 404 400 400 400 404 404",
            note="a witness-protection request carries no facts to request formally",
        ),
    ],
    "liaison:identity": [
        post(
            _page("protection", "identity/"),
            "login 404 404 404 404 200 404 404 404 404",
            note="only those named: the sender, not yet their supervisor or the recipient",
            hidden_from=NOT_NAMED,
            hidden_text=_protected_name,
        ),
        post(_page("request", "identity/"), NOBODY, note="no protected person"),
    ],
    "liaison:name_user": [
        post(
            _page("protection", "named/"),
            GHANA_SUPERVISOR.format(ok=302, recipient=400),
            data=lambda w: {"user": str(w.people["reader"].pk)},
            note="a supervisor names people of their own authority only",
        ),
        post(
            _page("protection", "named/"),
            GHANA_SUPERVISOR.format(ok=400, recipient=302),
            data=lambda w: {"user": str(w.people["recipient"].pk)},
            note="Nigeria's supervisor names its own people (here themself), Ghana cannot",
        ),
    ],
    "liaison:unname_user": [
        post(
            lambda w: f"/liaison/{w.values['protection']}/named/{w.values['named_sender']}/remove/",
            GHANA_SUPERVISOR.format(ok=302, recipient=404),
            note="the sender's own supervisor only",
        )
    ],
    "liaison:attachment": [
        get(lambda w: f"/liaison/{w.values['request']}/files/{w.values['attachment']}/", PARTIES),
        get(
            lambda w: f"/liaison/{w.values['answer']}/files/{w.values['attachment']}/",
            NOBODY,
            note="a file only under its own message",
        ),
    ],
    "liaison:print": [
        get(_page("request", "print/"), PARTIES),
        get(
            _page("protection", "print/"),
            PARTIES,
            note="the protected person by pseudonym only",
            hidden_from=PEOPLE,
            hidden_text=_protected_name,
        ),
    ],
    "liaison:pdf": [get(_page("request", "pdf/"), PARTIES)],
}


API = {
    "GET /api/v1/messages": [
        api(
            "get",
            lambda w: "/api/v1/messages?box=all",
            API_CHANNEL,
            hidden_from=OUTSIDERS,
            hidden_text=_subject,
        ),
        api(
            "get",
            lambda w: f"/api/v1/messages?box=all&q={ACCOUNT.replace(' ', '')}",
            API_CHANNEL,
            note="found through the blind index by the parties only",
            hidden_from=OUTSIDERS,
            hidden_text=_subject,
        ),
    ],
    "POST /api/v1/messages": [
        api(
            "post",
            lambda w: "/api/v1/messages",
            "401 201 404 422 404 201 201 201 422 404",
            data=_new_message,
            note="to Nigeria's police: a central authority is no contact point; nobody writes to "
            "their own",
        ),
        api(
            "post",
            lambda w: "/api/v1/messages",
            "401 422 404 422 404 422 422 201 422 404",
            data=_answer,
            note="an answer to Ghana's request: only Nigeria's FIU may (no such message for "
            "the others)",
        ),
    ],
    "GET /api/v1/messages/{message_id}": [
        api("get", _api("request"), API_PARTIES),
        api(
            "get",
            _api("answer"),
            API_PARTIES,
            note="formal_requests: the drafts one may see; Ghana's draft is not Nigeria's",
            hidden_from=("recipient",),
            hidden_text=_draft,
        ),
        api(
            "get",
            _api("protection"),
            API_PARTIES,
            note="the pseudonym, never the identity",
            hidden_from=NOT_NAMED,
            hidden_text=_protected_name,
        ),
    ],
    "GET /api/v1/messages/{message_id}/reads": [
        api("get", _api("request", "/reads"), API_SENDER_SIDE, note="the sender's authority")
    ],
    "POST /api/v1/messages/{message_id}/forward": [
        api(
            "post",
            _api("request", "/forward"),
            API_GHANA_SUPERVISOR.format(ok=201, recipient=409),
            data=_to_nigerian_police,
            note="H2: Nigeria needs Ghana's consent first",
        ),
        api(
            "post",
            _api("protection", "/forward"),
            API_GHANA_SUPERVISOR.format(ok=422, recipient=422),
            data=_to_nigerian_police,
            note="a witness-protection request is never forwarded",
        ),
    ],
    "POST /api/v1/messages/{message_id}/consent": [
        api(
            "post",
            _api("answer", "/consent"),
            API_GHANA_SUPERVISOR.format(ok=201, recipient=422),
            data=lambda w: {"granted": True},
            note="only the originator of the H2 information consents",
        )
    ],
    "GET /api/v1/messages/{message_id}/attachments/{attachment_id}": [
        api(
            "get",
            lambda w: _api("request")(w) + f"/attachments/{w.values['attachment']}",
            API_PARTIES,
        ),
        api(
            "get",
            lambda w: _api("answer")(w) + f"/attachments/{w.values['attachment']}",
            API_NOBODY,
            note="a file only under its own message",
        ),
    ],
    "POST /api/v1/messages/{message_id}/formal-request": [
        api(
            "post",
            _api("answer", "/formal-request"),
            "401 404 404 404 404 201 201 422 404 404",
            note="Nigeria's own answer is its own information",
        ),
        api(
            "post",
            _api("request", "/formal-request"),
            "401 404 404 404 404 201 201 409 404 404",
            note="the request carries Ghana's H2 information: Nigeria needs Ghana's consent",
        ),
        api(
            "post",
            _api("protection", "/formal-request"),
            "401 404 404 404 404 422 422 422 404 404",
            note="a witness-protection request carries no facts to request formally",
        ),
    ],
    "GET /api/v1/messages/{message_id}/identity": [
        api(
            "get",
            _api("protection", "/identity"),
            "401 404 404 404 404 200 404 404 404 404",
            note="only those named",
            hidden_from=NOT_NAMED,
            hidden_text=_protected_name,
        ),
        api("get", _api("request", "/identity"), API_NOBODY, note="no protected person"),
    ],
    "POST /api/v1/messages/{message_id}/named-users": [
        api(
            "post",
            _api("protection", "/named-users"),
            API_GHANA_SUPERVISOR.format(ok=201, recipient=422),
            data=lambda w: {"username": w.people["reader"].username},
            note="a supervisor names people of their own authority only",
        )
    ],
    "GET /api/v1/messages/{message_id}/identity-views": [
        api(
            "get",
            _api("protection", "/identity-views"),
            API_SENDER_SIDE,
            note="the originator's authority",
        )
    ],
}
