"""The permission matrix: every page and every API operation, requested as each kind of user.

The people (columns) work for three authorities: the Ukrainian Ministry of Justice (`moj`, which
owns the draft request), the Ukrainian Prosecutor General's Office (`pgo`, same State, another
authority) and the German Federal Office of Justice (`deu`). Each row says what each of them gets.
A page that shows something out of the person's scope answers 404, exactly as if it did not exist.

Every URL pattern of the URL configuration and every operation of the OpenAPI document must have
a row here: a new page or endpoint without one fails `test_every_page_has_a_row` or
`test_every_api_operation_has_a_row`. Each request runs in its own savepoint, rolled back after,
so a write by one person does not change what the next one sees.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from comity.accounts import services as account_services
from comity.accounts.models import Role
from comity.api.openapi import current_document
from comity.audit.models import AuditEntry
from comity.casework import services as casework_services
from comity.directory import services as directory_services
from comity.drafting import services as drafting_services
from comity.drafting.documents.house import DEFAULT_TEMPLATE
from comity.drafting.schema import empty_body
from comity.geo.services import load_countries
from comity.treaties.reference import load_treaties
from tests import factories, permission
from tests.liaison.matrix import API as LIAISON_API
from tests.liaison.matrix import PAGES as LIAISON_PAGES
from tests.networks.matrix import all_rows
from tests.permission import Row as BaseRow

PEOPLE = (
    "anonymous",
    "viewer",
    "officer",
    "admin",
    "officer_pgo",
    "admin_pgo",
    "admin_deu",
    "site",
)


@dataclass
class World:
    people: dict
    moj: object
    pgo: object
    deu: object
    draft: object
    draft_entry: AuditEntry
    reference_entry: AuditEntry
    invited: object
    token_key: str
    member_id: int
    case: object
    values: dict = field(default_factory=dict)
    case: object = None


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    case_files = tmp_path_factory.mktemp("casework")
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(STORAGES=_case_storage(case_files)),
    ):
        load_countries()
        load_treaties()
        moj = factories.AuthorityFactory(
            country=factories.country("UKR"), name="Ministry of Justice of Ukraine"
        )
        pgo = factories.AuthorityFactory(
            country=factories.country("UKR"),
            name="Office of the Prosecutor General",
            kind="prosecution",
        )
        deu = factories.AuthorityFactory(
            country=factories.country("DEU"), name="Bundesamt für Justiz"
        )
        people = {
            "viewer": factories.UserFactory(authority=moj, role=Role.VIEWER),
            "officer": factories.UserFactory(authority=moj, role=Role.OFFICER),
            "admin": factories.UserFactory(authority=moj, role=Role.AUTHORITY_ADMIN),
            "officer_pgo": factories.UserFactory(authority=pgo, role=Role.OFFICER),
            "admin_pgo": factories.UserFactory(authority=pgo, role=Role.AUTHORITY_ADMIN),
            "admin_deu": factories.UserFactory(authority=deu, role=Role.AUTHORITY_ADMIN),
            "site": factories.UserFactory(authority=None, is_superuser=True, is_staff=True),
        }
        body = empty_body(kind="mla", requesting_state="UKR")
        body.update(requested_state="DEU", requesting_authority=str(moj.pk), reference="MOJ/1")
        draft = drafting_services.create_request(owner=moj, data=body, actor=people["officer"])
        drafting_services.update_request(
            request=draft,
            data={**draft.data, "facts": "Confidential facts."},
            actor=people["officer"],
        )
        draft_entry = AuditEntry.objects.filter(object_id=str(draft.pk)).latest("id")
        directory_services.update_authority(
            authority=pgo,
            data={**_entry_data(pgo), "phone": "+380441234567"},
            actor=people["admin_pgo"],
        )
        reference_entry = AuditEntry.objects.filter(object_id=str(pgo.pk)).latest("id")
        invited = factories.UserFactory(authority=moj, role=Role.OFFICER, password="")
        invited.set_unusable_password()
        invited.save()
        _token, plain = account_services.create_token(
            user=people["officer"], name="script", actor=people["officer"]
        )
        network = directory_services.save_network(
            code="wacap", data={"name": "WACAP", "source": "https://example.org"}, actor=None
        )
        member = directory_services.add_network_member(
            network=network,
            country_id="UKR",
            role="focal_point",
            source="letter",
            actor=None,
            authority=moj,
        )
        drafting_services.set_house_style(
            authority=moj,
            actor=people["admin"],
            signatory_name="Olena Kovalenko",
            logo=factories.png_logo(),
            template=DEFAULT_TEMPLATE.read_bytes(),
            template_name="house.docx",
        )
        case = casework_services.register_incoming(
            owner=moj,
            actor=people["officer"],
            data={"received_on": "2026-01-12", "kind": "mla", "counterpart_state": "DEU"},
        )
        values = _shared_case(moj, people)
        values.update(_library(people))
        yield World(
            case=case,
            values=values,
            people=people,
            moj=moj,
            pgo=pgo,
            deu=deu,
            draft=draft,
            draft_entry=draft_entry,
            reference_entry=reference_entry,
            invited=invited,
            token_key=plain.split("_")[1],
            member_id=member.pk,
        )
        transaction.set_rollback(True)


def _case_storage(folder) -> dict:
    from django.conf import settings

    casework = settings.STORAGES["casework"]
    library = settings.STORAGES["library"]
    return {
        **settings.STORAGES,
        "casework": {**casework, "OPTIONS": {**casework["OPTIONS"], "location": str(folder)}},
        "library": {**library, "OPTIONS": {**library["OPTIONS"], "location": str(folder)}},
    }


def _library(people) -> dict:
    """Two documents the Ministry's officer added: one public, one kept to the Ministry (with its
    file)."""
    from comity.library import services as library_services

    officer = people["officer"]
    public = library_services.create(
        actor=officer,
        data={"type": "publication", "title": "Guide to requests", "language": "en"},
    )
    private = library_services.create(
        actor=officer,
        data={
            "type": "case",
            "title": "Internal note on a judgment",
            "language": "uk",
            "access": "authority",
        },
        upload=(b"Text of the note.", "note.txt"),
    )
    return {"public_doc": public.pk, "private_doc": private.pk}


LIBRARY_DOCUMENT = {"type": "publication", "title": "A guide", "language": "en"}


def _shared_case(moj, people) -> dict:
    """An incoming case of the Ministry shared with the prosecutor who executes it, with a file."""
    from comity.casework import files, sharing
    from comity.casework import services as case_services

    officer = people["officer"]
    case = case_services.register_incoming(
        owner=moj,
        actor=officer,
        data={"kind": "mla", "counterpart_state": "DEU", "received_on": "2026-01-05"},
    )
    sharing.share_case(case=case, actor=officer, user=people["officer_pgo"], reason="executes")
    attachment = files.add_attachment(
        case=case,
        actor=officer,
        upload=SimpleUploadedFile("letter.pdf", PDF),
        kind="letter",
        title="Letter",
        dated=datetime.date(2026, 1, 5),
        incoming=True,
    )
    sent = _sent_case(moj, officer)
    return {"case": case.pk, "file": attachment.pk, "sent": sent.pk, **_reminder(sent, officer)}


def _sent_case(moj, officer):
    """An outgoing case of the Ministry, sent to Germany and assigned to its officer."""
    from comity.casework.models import Case
    from comity.casework.transfer import import_register

    import_register(
        owner=moj,
        actor=officer,
        cases=[
            {
                "direction": "outgoing",
                "kind": "mla",
                "counterpart_state": "DEU",
                "our_reference": "MOJ-OUT-1",
                "opened_on": "2026-01-02",
                "channel": "email",
                "assigned_to": officer.pk,
            }
        ],
    )
    return Case.objects.get(owner=moj, our_reference="MOJ-OUT-1")


def _reminder(case, officer) -> dict:
    """The officer's reminder that the case's internal target is near."""
    from comity.casework.models import Notification
    from comity.casework.reminders import send_reminders

    send_reminders(today=case.target_date - datetime.timedelta(days=3))
    return {"notification": Notification.objects.get(user=officer, case=case).pk}


def _entry_data(authority) -> dict:
    from comity.directory.transfer import authority_as_data

    data = authority_as_data(authority)
    data.pop("id")
    return data


# --- The rows ------------------------------------------------------------------------------------
class Row(BaseRow):
    PEOPLE = PEOPLE


get, post, api = Row.get, Row.post, Row.api


def shared_case_url(suffix=""):
    """A page of the Ministry's case shared with the prosecutor who executes it."""
    return lambda w: f"/cases/{w.values['case']}/{suffix}"


PDF = b"%PDF-1.7\n%%EOF\n"


def draft_url(suffix=""):
    return lambda w: f"/requests/{w.draft.pk}/{suffix}"


def api_case(suffix=""):
    return lambda w: f"/api/v1/cases/{w.case.pk}{suffix}"


def case_url(suffix=""):
    """A page of the Ministry's own case (not shared)."""
    return lambda w: f"/cases/{w.case.pk}/{suffix}"


def api_draft(suffix=""):
    return lambda w: f"/api/v1/requests/{w.draft.pk}{suffix}"


#                      anon  viewer officer admin officer_pgo admin_pgo admin_deu site
EVERYONE = "200 200 200 200 200 200 200 200"
SIGNED_IN = "login 200 200 200 200 200 200 200"
MEMBERS = "login 200 200 200 200 200 200 404"
# The library: writers of any authority and site admins add documents; a document kept to the
# Ministry is read by its people only and changed by its writers.
LIBRARY_WRITERS = "login 404 200 200 200 200 200 200"
LIBRARY_OWN_READ = "404 200 200 200 404 404 404 404"
LIBRARY_OWN_WRITE = "login 404 200 200 404 404 404 404"
API_MEMBERS = "401 200 200 200 200 200 200 404"
OWN_DRAFT_READ = "login 200 200 200 404 404 404 404"
OWN_DRAFT_WRITE = "login 404 {ok} {ok} 404 404 404 404"
OWN_HOUSE_STYLE = "login 404 404 {ok} 404 404 404 {ok}"
# A case of the Ministry, shared with officer_pgo: seen by both, changed by the Ministry's writers;
# files added by them and by officer_pgo.
SHARED_CASE_READ = "login 200 200 200 200 404 404 404"
SHARED_CASE_WRITE = "login 404 302 302 404 404 404 404"
SHARED_CASE_CONTRIBUTE = "login 404 302 302 302 404 404 404"
API_SIGNED_IN = "401 200 200 200 200 200 200 200"
API_OWN_READ = "401 200 200 200 404 404 404 404"
API_OWN_WRITE = "401 404 {ok} {ok} 404 404 404 404"

PAGES: dict[str, list[Row]] = {
    "web:home": [get(lambda w: "/", EVERYONE)],
    "web:help": [get(lambda w: "/help/", EVERYONE)],
    "set_language": [
        post(
            lambda w: "/i18n/setlang/",
            "302 302 302 302 302 302 302 302",
            data=lambda w: {"language": "fr", "next": "/"},
        )
    ],
    "accounts:login": [get(lambda w: "/accounts/login/", EVERYONE)],
    "accounts:logout": [post(lambda w: "/accounts/logout/", "302 302 302 302 302 302 302 302")],
    "accounts:profile": [get(lambda w: "/accounts/profile/", SIGNED_IN)],
    "accounts:two_factor": [get(lambda w: "/accounts/two-factor/", SIGNED_IN)],
    "accounts:two_factor_remove": [
        post(
            lambda w: "/accounts/two-factor/remove/",
            "login 302 302 302 302 302 302 302",
            note="everyone removes only their own device, then goes back to the two-factor page",
        )
    ],
    "accounts:authority_security": [
        get(
            lambda w: "/accounts/authority-security/",
            "login 404 404 200 404 200 200 404",
            note="each authority admin sees their own authority's settings",
        )
    ],
    "accounts:tokens": [get(lambda w: "/accounts/tokens/", SIGNED_IN)],
    "accounts:token_revoke": [
        post(
            lambda w: f"/accounts/tokens/{w.token_key}/revoke/",
            "login 404 302 404 404 404 404 404",
            note="only the token's owner",
        )
    ],
    "accounts:set_password": [
        get(
            lambda w: (
                f"/accounts/set-password/{urlsafe_base64_encode(force_bytes(w.invited.pk))}/{default_token_generator.make_token(w.invited)}/"
            ),
            "302 302 302 302 302 302 302 302",
            note="the one-time link works for whoever holds it, and moves to a link without the token",
        )
    ],
    "accounts:user_list": [get(lambda w: "/accounts/users/", "login 404 404 200 404 200 200 200")],
    "accounts:user_invite": [
        get(lambda w: "/accounts/users/invite/", "login 404 404 200 404 200 200 200")
    ],
    "accounts:user_detail": [
        get(
            lambda w: f"/accounts/users/{w.people['officer'].pk}/",
            "login 404 404 200 404 404 404 200",
        )
    ],
    "accounts:user_role": [
        post(
            lambda w: f"/accounts/users/{w.people['officer'].pk}/role/",
            "login 404 404 302 404 404 404 302",
            data=lambda w: {"role": "supervisor"},
        )
    ],
    "accounts:user_deactivate": [
        post(
            lambda w: f"/accounts/users/{w.people['officer'].pk}/deactivate/",
            "login 404 404 302 404 404 404 302",
        )
    ],
    "accounts:user_reactivate": [
        post(
            lambda w: f"/accounts/users/{w.people['officer'].pk}/reactivate/",
            "login 404 404 302 404 404 404 302",
        )
    ],
    "accounts:user_resend_invitation": [
        post(
            lambda w: f"/accounts/users/{w.invited.pk}/invitation/",
            "login 404 404 302 404 404 404 302",
        )
    ],
    "audit:log": [get(lambda w: "/audit/", "login 404 404 200 404 200 200 200")],
    "audit:detail": [
        get(
            lambda w: f"/audit/{w.draft_entry.pk}/",
            "login 404 404 200 404 404 404 200",
            note="an entry about a draft: the owning authority's admins only",
        ),
        get(
            lambda w: f"/audit/{w.reference_entry.pk}/",
            "login 404 404 200 404 200 404 200",
            note="an entry about a Ukrainian directory entry: Ukraine's admins",
        ),
    ],
    "directory:authority_list": [get(lambda w: "/directory/", SIGNED_IN)],
    "directory:authority_create": [
        get(lambda w: "/directory/new/", "404 404 404 200 404 200 200 200")
    ],
    "directory:authority_detail": [get(lambda w: f"/directory/{w.moj.pk}/", SIGNED_IN)],
    "directory:authority_edit": [
        get(lambda w: f"/directory/{w.moj.pk}/edit/", "404 404 404 200 404 200 404 200")
    ],
    "directory:authority_delete": [
        get(lambda w: f"/directory/{w.moj.pk}/delete/", "404 404 404 200 404 200 404 200")
    ],
    "directory:authority_vcard": [get(lambda w: f"/directory/{w.moj.pk}/vcard/", SIGNED_IN)],
    "directory:letterhead": [
        get(
            lambda w: f"/directory/{w.moj.pk}/letterhead/",
            OWN_HOUSE_STYLE.format(ok=200),
            note="the authority's own admins and site admins; not the other admins of its State",
        ),
        post(
            lambda w: f"/directory/{w.moj.pk}/letterhead/",
            OWN_HOUSE_STYLE.format(ok=302),
            data=lambda w: {"signatory_name": "Petro Shevchenko", "letterhead_lines": ""},
        ),
    ],
    "directory:letterhead_logo": [
        get(lambda w: f"/directory/{w.moj.pk}/letterhead/logo/", OWN_HOUSE_STYLE.format(ok=200))
    ],
    "directory:letterhead_template": [
        get(
            lambda w: f"/directory/{w.moj.pk}/letterhead/template/",
            OWN_HOUSE_STYLE.format(ok=200),
        )
    ],
    "directory:letterhead_default_template": [
        get(
            lambda w: f"/directory/{w.moj.pk}/letterhead/default-template/",
            OWN_HOUSE_STYLE.format(ok=200),
        )
    ],
    "directory:country_list": [get(lambda w: "/directory/states/", SIGNED_IN)],
    "directory:compare": [get(lambda w: "/directory/compare/?a=UKR&b=DEU", SIGNED_IN)],
    "networks:list": [get(lambda w: "/networks/", SIGNED_IN)],
    "networks:detail": [get(lambda w: "/networks/wacap/", SIGNED_IN)],
    "networks:member_add": [
        get(lambda w: "/networks/wacap/members/add/", "login 404 404 404 404 404 404 200")
    ],
    "networks:member_remove": [
        post(
            lambda w: f"/networks/wacap/members/{w.member_id}/remove/",
            "login 404 404 302 404 302 404 302",
            note="a Ukrainian member: Ukraine's admins and site admins",
        )
    ],
    "library:search": [get(lambda w: "/library/?q=guide", EVERYONE)],
    "library:new": [get(lambda w: "/library/new/", LIBRARY_WRITERS)],
    "library:import": [get(lambda w: "/library/import/", LIBRARY_WRITERS)],
    "library:export": [get(lambda w: "/library/export.jsonl", SIGNED_IN)],
    "library:document": [
        get(lambda w: f"/library/{w.values['public_doc']}/", EVERYONE),
        get(lambda w: f"/library/{w.values['private_doc']}/", LIBRARY_OWN_READ),
    ],
    "library:file": [get(lambda w: f"/library/{w.values['private_doc']}/file/", LIBRARY_OWN_READ)],
    "library:edit": [
        get(
            lambda w: f"/library/{w.values['public_doc']}/edit/",
            "login 404 200 200 404 404 404 200",
            note="a public document: its authority's writers and site admins keep it",
        ),
        get(lambda w: f"/library/{w.values['private_doc']}/edit/", LIBRARY_OWN_WRITE),
    ],
    "library:delete": [
        get(lambda w: f"/library/{w.values['private_doc']}/delete/", LIBRARY_OWN_WRITE)
    ],
    "casework:list": [get(lambda w: "/cases/", SIGNED_IN)],
    "casework:overdue": [get(lambda w: "/cases/overdue/", SIGNED_IN)],
    "casework:new": [get(lambda w: "/cases/new/", "login 404 200 200 200 200 200 404")],
    "casework:import": [get(lambda w: "/cases/import/", "login 404 200 200 200 200 200 404")],
    "casework:send": [
        get(
            lambda w: f"/cases/send/{w.draft.pk}/",
            OWN_DRAFT_WRITE.format(ok=409),
            note="the draft is not final yet: its authority's writers are told to finalise it",
        )
    ],
    "casework:detail": [
        get(case_url(), OWN_DRAFT_READ),
        get(
            shared_case_url(),
            SHARED_CASE_READ,
            note="a case shared with the prosecutor who executes it: that one colleague too",
        ),
    ],
    "casework:edit": [get(case_url("edit/"), OWN_DRAFT_WRITE.format(ok=200))],
    "casework:transition": [
        post(case_url("transition/"), OWN_DRAFT_WRITE.format(ok=400), data=lambda w: {"to": ""})
    ],
    "casework:consult": [
        post(case_url("consult/"), OWN_DRAFT_WRITE.format(ok=400), data=lambda w: {"note": ""})
    ],
    "casework:note": [
        post(case_url("note/"), OWN_DRAFT_WRITE.format(ok=302), data=lambda w: {"note": "Seen."})
    ],
    "drafting:list": [get(lambda w: "/requests/", SIGNED_IN)],
    "casework:statistics": [get(lambda w: "/cases/statistics/", MEMBERS)],
    "casework:statistics_csv": [get(lambda w: "/cases/statistics.csv", MEMBERS)],
    "casework:statistics_xlsx": [get(lambda w: "/cases/statistics.xlsx", MEMBERS)],
    "drafting:new": [get(lambda w: "/requests/new/", "login 404 200 200 200 200 200 404")],
    "drafting:import": [get(lambda w: "/requests/import/", "login 404 200 200 200 200 200 404")],
    "drafting:compare": [get(lambda w: f"/requests/{w.draft.pk}/compare/?a=1&b=2", OWN_DRAFT_READ)],
    "drafting:transition": [
        post(
            draft_url("transition/"), OWN_DRAFT_WRITE.format(ok=302), data=lambda w: {"to": "final"}
        )
    ],
    "drafting:export": [get(draft_url("export/"), OWN_DRAFT_READ)],
    "drafting:live_checks": [
        post(draft_url("checks/facts/"), OWN_DRAFT_READ, data=lambda w: {"facts": "x"})
    ],
    "drafting:step": [
        get(draft_url("facts/"), OWN_DRAFT_READ),
        post(
            draft_url("facts/"),
            OWN_DRAFT_WRITE.format(ok=302),
            data=lambda w: {"facts": "Changed.", "version": w.draft.version},
        ),
    ],
    "casework:conditions": [
        get(shared_case_url("conditions/?proceedings=Case+12%2F2026"), SHARED_CASE_READ),
        post(
            shared_case_url("conditions/"),
            SHARED_CASE_WRITE,
            data=lambda w: {
                "action": "condition",
                "condition-kind": "speciality",
                "condition-material": "bank records",
                "condition-text": "Only in the proceedings of the request.",
                "condition-imposed_on": "2026-01-06",
            },
        ),
    ],
    "casework:files": [
        get(shared_case_url("files/"), SHARED_CASE_READ),
        post(
            shared_case_url("files/"),
            SHARED_CASE_CONTRIBUTE,
            data=lambda w: {
                "file": SimpleUploadedFile("result.pdf", PDF),
                "kind": "execution_result",
                "title": "Search report",
                "dated": "2026-01-07",
                "incoming": "1",
            },
            note="the colleague the case is shared with adds the results of execution",
        ),
    ],
    "casework:file": [
        get(lambda w: f"/cases/{w.values['case']}/files/{w.values['file']}/", SHARED_CASE_READ)
    ],
    "casework:status_enquiry": [
        get(lambda w: f"/cases/{w.values['sent']}/status-enquiry/", OWN_DRAFT_READ),
        get(
            lambda w: f"/cases/{w.values['sent']}/status-enquiry/?format=docx&lang=de",
            OWN_DRAFT_READ,
            note="the letter itself: the case's own authority only",
        ),
    ],
    "casework:notifications": [get(lambda w: "/cases/notifications/", SIGNED_IN)],
    "casework:notification_read": [
        post(
            lambda w: f"/cases/notifications/{w.values['notification']}/read/",
            "login 404 302 404 404 404 404 404",
            note="a reminder is its addressee's alone",
        )
    ],
    "casework:notifications_read": [
        post(lambda w: "/cases/notifications/read/", "login 302 302 302 302 302 302 302")
    ],
    "casework:sharing": [
        get(shared_case_url("sharing/"), SHARED_CASE_READ),
        post(
            shared_case_url("sharing/"),
            SHARED_CASE_WRITE,
            data=lambda w: {"action": "share", "share-user": str(w.people["admin_pgo"].pk)},
        ),
    ],
    "treaties:instrument_list": [get(lambda w: "/treaties/", EVERYONE)],
    "treaties:bilateral_new": [
        get(lambda w: "/treaties/new-bilateral/", "404 404 404 404 404 404 404 200")
    ],
    "treaties:instrument_detail": [get(lambda w: "/treaties/UNTOC/", EVERYONE)],
    "treaties:country_detail": [get(lambda w: "/states/UKR/", SIGNED_IN)],
    "treaties:profile_edit": [
        get(lambda w: "/states/UKR/requirements/mla/", "404 404 404 200 404 200 404 200")
    ],
    "treaties:legal_basis": [
        get(lambda w: "/legal-basis/?requesting=UKR&requested=DEU&kind=mla", SIGNED_IN)
    ],
    "treaties:matrix": [get(lambda w: "/legal-basis/matrix/", SIGNED_IN)],
    # The API's own pages (its operations are rows of API below).
    "api:openapi-json": [get(lambda w: "/api/v1/openapi.json", EVERYONE)],
    "api:openapi-view": [get(lambda w: "/api/v1/docs", EVERYONE)],
    "api:api-root": [get(lambda w: "/api/v1/", "404 404 404 404 404 404 404 404")],
}

INCOMING_CASE = {
    "direction": "incoming",
    "received_on": "2026-01-12",
    "kind": "mla",
    "counterpart_state": "DEU",
}
DRAFT_BODY = {"kind": "mla", "requesting_state": "UKR", "requested_state": "DEU"}

API: dict[str, list[Row]] = {
    "GET /api/v1/health": [api("get", lambda w: "/api/v1/health", EVERYONE)],
    "GET /api/v1/countries": [api("get", lambda w: "/api/v1/countries", EVERYONE)],
    "GET /api/v1/countries/{iso3}": [api("get", lambda w: "/api/v1/countries/UKR", EVERYONE)],
    "GET /api/v1/instruments": [api("get", lambda w: "/api/v1/instruments", EVERYONE)],
    "GET /api/v1/instruments/{code}": [api("get", lambda w: "/api/v1/instruments/UNTOC", EVERYONE)],
    "GET /api/v1/legal-basis": [
        api(
            "get",
            lambda w: "/api/v1/legal-basis?requesting=UKR&requested=DEU&kind=mla",
            API_SIGNED_IN,
        )
    ],
    "GET /api/v1/legal-basis/matrix": [
        api(
            "get",
            lambda w: "/api/v1/legal-basis/matrix?country=UKR&kind=mla",
            API_SIGNED_IN,
        )
    ],
    "GET /api/v1/authorities": [api("get", lambda w: "/api/v1/authorities", API_SIGNED_IN)],
    "GET /api/v1/authorities/export": [
        api("get", lambda w: "/api/v1/authorities/export", API_SIGNED_IN)
    ],
    "POST /api/v1/authorities/import": [
        api(
            "post",
            lambda w: "/api/v1/authorities/import?dry_run=1",
            "401 403 403 200 403 200 400 200",
            data=lambda w: (
                "country,name,kind,source\nUKR,New office,prosecution,https://example.org\n"
            ),
            content_type="text/csv",
            note="a Ukrainian row: Ukraine's admins and site admins",
        )
    ],
    "GET /api/v1/authorities/{authority_id}": [
        api("get", lambda w: f"/api/v1/authorities/{w.moj.pk}", API_SIGNED_IN)
    ],
    "GET /api/v1/networks": [api("get", lambda w: "/api/v1/networks", API_SIGNED_IN)],
    "GET /api/v1/networks/{code}": [api("get", lambda w: "/api/v1/networks/wacap", API_SIGNED_IN)],
    "GET /api/v1/requests": [api("get", lambda w: "/api/v1/requests", API_SIGNED_IN)],
    "GET /api/v1/cases/stats": [
        api(
            "get",
            lambda w: "/api/v1/cases/stats",
            API_MEMBERS,
            note="each authority's own cases; not a site admin, who works for none",
        )
    ],
    "POST /api/v1/requests": [
        api(
            "post",
            lambda w: "/api/v1/requests",
            "401 403 201 201 201 201 400 403",
            data=lambda w: DRAFT_BODY,
            note="a Ukrainian draft: only a Ukrainian authority may send it, and it becomes the sender's own; "
            "a German authority is told the requesting State must be its own",
        )
    ],
    "POST /api/v1/requests/check": [
        api(
            "post",
            lambda w: "/api/v1/requests/check",
            API_SIGNED_IN,
            data=lambda w: DRAFT_BODY,
        )
    ],
    "GET /api/v1/requests/{request_id}": [api("get", api_draft(), API_OWN_READ)],
    "PATCH /api/v1/requests/{request_id}": [
        api(
            "patch", api_draft(), API_OWN_WRITE.format(ok=200), data=lambda w: {"facts": "Changed."}
        )
    ],
    "DELETE /api/v1/requests/{request_id}": [
        api("delete", api_draft(), API_OWN_WRITE.format(ok=204))
    ],
    "GET /api/v1/requests/{request_id}/checks": [api("get", api_draft("/checks"), API_OWN_READ)],
    "POST /api/v1/requests/{request_id}/transitions": [
        api(
            "post",
            api_draft("/transitions"),
            API_OWN_WRITE.format(ok=409),
            data=lambda w: {"to": "final"},
            note="the draft has errors, so making it final is refused (409) for those who may try",
        )
    ],
    "GET /api/v1/requests/{request_id}/document": [
        api("get", api_draft("/document?format=docx"), API_OWN_READ)
    ],
    "GET /api/v1/requests/{request_id}/export": [api("get", api_draft("/export"), API_OWN_READ)],
    "GET /api/v1/library/search": [
        api("get", lambda w: "/api/v1/library/search?q=guide", EVERYONE)
    ],
    "GET /api/v1/library/documents": [api("get", lambda w: "/api/v1/library/documents", EVERYONE)],
    "POST /api/v1/library/documents": [
        api(
            "post",
            lambda w: "/api/v1/library/documents",
            "401 403 201 201 201 201 201 201",
            data=lambda w: LIBRARY_DOCUMENT,
        )
    ],
    "GET /api/v1/library/documents/{document_id}": [
        api("get", lambda w: f"/api/v1/library/documents/{w.values['public_doc']}", EVERYONE),
        api(
            "get",
            lambda w: f"/api/v1/library/documents/{w.values['private_doc']}",
            "404 200 200 200 404 404 404 404",
        ),
    ],
    "PUT /api/v1/library/documents/{document_id}": [
        api(
            "put",
            lambda w: f"/api/v1/library/documents/{w.values['private_doc']}",
            "401 403 200 200 404 404 404 404",
            data=lambda w: {**LIBRARY_DOCUMENT, "access": "authority"},
        )
    ],
    "DELETE /api/v1/library/documents/{document_id}": [
        api(
            "delete",
            lambda w: f"/api/v1/library/documents/{w.values['private_doc']}",
            "401 403 204 204 404 404 404 404",
        )
    ],
    "POST /api/v1/library/import": [
        api(
            "post",
            lambda w: "/api/v1/library/import",
            "401 403 200 200 200 200 200 200",
            data=lambda w: '{"type": "publication", "title": "Imported", "language": "fr"}\n',
            content_type="application/x-ndjson",
        )
    ],
    "GET /api/v1/library/export": [api("get", lambda w: "/api/v1/library/export", EVERYONE)],
    "GET /api/v1/cases": [api("get", lambda w: "/api/v1/cases", API_SIGNED_IN)],
    "POST /api/v1/cases": [
        api(
            "post",
            lambda w: "/api/v1/cases",
            "401 403 201 201 201 201 400 403",
            data=lambda w: INCOMING_CASE,
            note="a request received from Germany: registered by any Ukrainian authority's "
            "writers, in their own register; a German authority is told to name another State",
        )
    ],
    "GET /api/v1/cases/overdue": [api("get", lambda w: "/api/v1/cases/overdue", API_SIGNED_IN)],
    "GET /api/v1/cases/{case_id}": [api("get", api_case(), API_OWN_READ)],
    "PATCH /api/v1/cases/{case_id}": [
        api("patch", api_case(), API_OWN_WRITE.format(ok=200), data=lambda w: {"subject": "x"})
    ],
    "POST /api/v1/cases/{case_id}/transitions": [
        api(
            "post",
            api_case("/transitions"),
            API_OWN_WRITE.format(ok=200),
            data=lambda w: {"to": "registered"},
        )
    ],
}


# --- Running them -------------------------------------------------------------------------------
def _untouched(world: World):
    """What a refused request must not change: the audit trail and the draft."""
    draft = type(world.draft).objects.filter(pk=world.draft.pk).first()
    return AuditEntry.objects.count(), draft.version if draft else None


@pytest.mark.parametrize(("name", "index"), permission.param_ids(PAGES))
def test_page(world, db, name, index):
    permission.check(PAGES, name, index, world, world.people, lambda: _untouched(world))


@pytest.mark.parametrize(("name", "index"), permission.param_ids(API))
def test_api_operation(world, db, name, index):
    permission.check(API, name, index, world, world.people, lambda: _untouched(world))


# --- Completeness: a new page or operation needs a row -------------------------------------------
def _url_names(patterns, namespace="") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                ":".join(p for p in (namespace, pattern.namespace) if p)
                if pattern.namespace
                else namespace
            )
            names |= _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def _api_operations() -> set[str]:
    import json

    document = json.loads(current_document())
    return {
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method in operations
    }


# Networks, meetings, courses, assessments and projects have their own people and rows, and so
# has the informal channel (tests/liaison/matrix.py: its people have a part in it or not).
NETWORK_PAGES, NETWORK_API = all_rows()


def test_every_page_has_a_row():
    rows = set(PAGES) | set(NETWORK_PAGES) | set(LIAISON_PAGES)
    api_operation_names = {
        name for name in _url_names(get_resolver().url_patterns) if name.startswith("api:")
    } - rows
    pages = _url_names(get_resolver().url_patterns) - api_operation_names
    missing = sorted(pages - rows)
    stale = sorted(rows - pages)
    assert not missing, f"pages without a row in the permission matrix: {missing}"
    assert not stale, f"rows for pages that no longer exist: {stale}"


def test_every_api_operation_has_a_row():
    operations = _api_operations()
    rows = set(API) | set(NETWORK_API) | set(LIAISON_API)
    missing = sorted(operations - rows)
    stale = sorted(rows - operations)
    assert not missing, f"API operations without a row in the permission matrix: {missing}"
    assert not stale, f"rows for API operations that no longer exist: {stale}"
