import pytest
import time_machine
from django.urls import reverse

from comity.accounts.models import Role
from comity.audit.models import Action, AuditEntry
from comity.audit.services import record
from tests.accounts.helpers import sign_in_verified
from tests.factories import AuthorityFactory, UserFactory, country

pytestmark = pytest.mark.django_db

LOG = reverse("audit:log")


@pytest.fixture
def entries(db):
    """One change in Ukraine and one in Germany, by different people."""
    ukr = AuthorityFactory(country=country("UKR"), name="Kyiv central authority")
    deu = AuthorityFactory(country=country("DEU"), name="Berlin central authority")
    ukr_entry = record(
        actor=UserFactory(first_name="Olena", last_name="Koval"),
        action=Action.UPDATE,
        obj=ukr,
        before={"phone": "+380 1"},
        after={"phone": "+380 2"},
    )
    deu_entry = record(
        actor=UserFactory(first_name="Jonas", last_name="Weber"),
        action=Action.CREATE,
        obj=deu,
        after={"name": "Berlin central authority"},
    )
    return {"UKR": ukr_entry, "DEU": deu_entry}


def _ukr_admin():
    return UserFactory(
        role=Role.AUTHORITY_ADMIN, authority=AuthorityFactory(country=country("UKR"))
    )


# --- who may see the log -----------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client, entries):
    for url in (LOG, reverse("audit:detail", args=[entries["UKR"].pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", [Role.VIEWER, Role.OFFICER, Role.SUPERVISOR])
def test_other_roles_get_404(client, entries, role):
    client.force_login(UserFactory(role=role, authority=AuthorityFactory(country=country("UKR"))))
    assert client.get(LOG).status_code == 404
    assert client.get(reverse("audit:detail", args=[entries["UKR"].pk])).status_code == 404


def test_authority_admin_sees_only_own_states_entries(client, entries):
    client.force_login(_ukr_admin())
    html = client.get(LOG).content.decode()
    assert "Kyiv central authority" in html
    assert "Olena Koval" in html
    assert "Berlin central authority" not in html
    assert "Jonas Weber" not in html
    assert client.get(reverse("audit:detail", args=[entries["UKR"].pk])).status_code == 200
    assert client.get(reverse("audit:detail", args=[entries["DEU"].pk])).status_code == 404


def test_site_admin_must_verify_before_reading_the_log(client, site_admin, entries):
    client.force_login(site_admin)
    response = client.get(LOG)
    assert response["Location"].startswith(reverse("accounts:two_factor"))


def test_verified_site_admin_sees_everything(client, site_admin, entries):
    sign_in_verified(client, site_admin)
    response = client.get(LOG)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kyiv central authority" in html and "Berlin central authority" in html
    for entry in entries.values():
        assert client.get(reverse("audit:detail", args=[entry.pk])).status_code == 200


def test_missing_entry_is_404(client, site_admin):
    sign_in_verified(client, site_admin)
    assert client.get(reverse("audit:detail", args=[999999])).status_code == 404


# --- what the log shows ------------------------------------------------------------------------


def test_log_row_shows_action_label_and_changed_fields(client, entries):
    client.force_login(_ukr_admin())
    html = client.get(LOG).content.decode()
    assert "Updated" in html
    assert "phone" in html and "+380 1" in html and "+380 2" in html


def test_detail_shows_before_and_after_side_by_side(client, entries):
    client.force_login(_ukr_admin())
    html = client.get(reverse("audit:detail", args=[entries["UKR"].pk])).content.decode()
    assert '<td class="diff-before">+380 1</td>' in html
    assert '<td class="diff-after">+380 2</td>' in html
    assert entries["UKR"].hash in html


def test_times_are_shown_in_the_authority_time_zone(client):
    admin = UserFactory(
        role=Role.AUTHORITY_ADMIN,
        authority=AuthorityFactory(country=country("UKR"), time_zone="Asia/Tokyo"),
    )
    with time_machine.travel("2025-03-01 23:30:00+00:00", tick=False):
        entry = record(actor=admin, action=Action.EXPORT, obj=admin.authority)
    client.force_login(admin)
    html = client.get(reverse("audit:detail", args=[entry.pk])).content.decode()
    assert "2025-03-02 08:30:00" in html
    assert "Asia/Tokyo" in html


@pytest.mark.parametrize(
    ("query", "expect_ukr", "expect_deu"),
    [
        ({"action": "update"}, True, False),
        ({"action": "create"}, False, True),
        ({"actor": "weber"}, False, True),
        ({"object_type": "directory.authority"}, True, True),
        ({"date_from": "2000-01-01"}, True, True),
    ],
)
def test_filters(client, site_admin, entries, query, expect_ukr, expect_deu):
    sign_in_verified(client, site_admin)
    html = client.get(LOG, query).content.decode()
    assert ("Kyiv central authority" in html) is expect_ukr
    assert ("Berlin central authority" in html) is expect_deu


def test_filter_by_object_id(client, site_admin, entries):
    sign_in_verified(client, site_admin)
    html = client.get(LOG, {"object_id": entries["DEU"].object_id}).content.decode()
    assert "Berlin central authority" in html
    assert "Kyiv central authority" not in html


def test_date_filters_are_inclusive_days(client, site_admin):
    authority = AuthorityFactory(name="Dated authority")
    with time_machine.travel("2025-01-10 12:00:00+00:00", tick=False):
        record(actor=None, action=Action.UPDATE, obj=authority, after={"x": 1})
    sign_in_verified(client, site_admin)

    def shown(**query):
        return "Dated authority" in client.get(LOG, query).content.decode()

    assert shown(date_from="2025-01-10", date_to="2025-01-10")
    assert not shown(date_from="2025-01-11")
    assert not shown(date_to="2025-01-09")


def test_reversed_dates_get_an_error(client, site_admin):
    sign_in_verified(client, site_admin)
    html = client.get(LOG, {"date_from": "2025-02-01", "date_to": "2025-01-01"}).content.decode()
    assert "The end date is before the start date" in html


def test_log_is_paginated_by_50(client, site_admin):
    authority = AuthorityFactory()
    for i in range(55):
        record(actor=None, action=Action.UPDATE, obj=authority, after={"step": i})
    sign_in_verified(client, site_admin)
    first = client.get(LOG, {"object_type": "directory.authority"})
    assert len(first.context["page"].object_list) == 50
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(LOG, {"object_type": "directory.authority", "page": 2})
    assert len(second.context["page"].object_list) == 5
    oldest = AuditEntry.objects.filter(object_type="directory.authority").order_by("id").first()
    assert second.context["page"].object_list[-1].pk == oldest.pk


def test_log_query_count_does_not_grow_with_entries(
    client, site_admin, django_assert_max_num_queries
):
    authority = AuthorityFactory()
    for i in range(30):
        record(actor=None, action=Action.UPDATE, obj=authority, after={"step": i})
    sign_in_verified(client, site_admin)
    with django_assert_max_num_queries(15):
        assert client.get(LOG).status_code == 200


def test_object_links_to_its_page_when_it_has_one(client, entries, monkeypatch):
    from comity.directory.models import Authority

    monkeypatch.setattr(
        Authority, "get_absolute_url", lambda self: f"/directory/a/{self.pk}/", raising=False
    )
    client.force_login(_ukr_admin())
    html = client.get(LOG).content.decode()
    assert f'<a href="/directory/a/{entries["UKR"].object_id}/">Kyiv central authority</a>' in html


def test_object_without_a_page_or_deleted_is_plain_text(client, entries):
    from comity.directory.models import Authority

    Authority.objects.filter(name="Kyiv central authority").delete()
    client.force_login(_ukr_admin())
    html = client.get(LOG).content.decode()
    assert "Kyiv central authority</a>" not in html
    assert "Kyiv central authority" in html


# --- confidential objects: an authority's drafts, its people, its security -----------------------
@pytest.fixture
def two_ukrainian_authorities(db):
    from comity.drafting import services as drafting
    from comity.drafting.schema import empty_body

    country("DEU")
    moj = AuthorityFactory(country=country("UKR"), name="Ministry of Justice")
    pgo = AuthorityFactory(country=country("UKR"), name="Prosecutor General's Office")
    officer = UserFactory(role=Role.OFFICER, authority=moj)
    body = empty_body(kind="mla", requesting_state="UKR")
    body.update(requested_state="DEU", reference="MOJ-SECRET-118")
    draft = drafting.create_request(owner=moj, data=body, actor=officer)
    drafting.update_request(
        request=draft, changes={"facts": "Informant X met the suspect in Lviv."}, actor=officer
    )
    return {
        "moj_admin": UserFactory(role=Role.AUTHORITY_ADMIN, authority=moj),
        "pgo_admin": UserFactory(role=Role.AUTHORITY_ADMIN, authority=pgo),
        "draft": draft,
    }


def test_another_authority_of_the_same_state_does_not_see_a_drafts_entries(
    client, two_ukrainian_authorities
):
    world = two_ukrainian_authorities
    client.force_login(world["pgo_admin"])
    page = client.get(LOG).content.decode()
    assert "MOJ-SECRET-118" not in page and "Informant X" not in page
    for entry in AuditEntry.objects.filter(object_id=str(world["draft"].pk)):
        assert client.get(reverse("audit:detail", args=[entry.pk])).status_code == 404
    filtered = client.get(LOG, {"object_id": str(world["draft"].pk)}).content.decode()
    assert "MOJ-SECRET-118" not in filtered


def test_the_owning_authoritys_admin_sees_its_drafts_entries_with_their_values(
    client, two_ukrainian_authorities
):
    world = two_ukrainian_authorities
    client.force_login(world["moj_admin"])
    assert "MOJ-SECRET-118" in client.get(LOG).content.decode()
    change = AuditEntry.objects.filter(object_id=str(world["draft"].pk), action="update").get()
    assert change.owner_id == str(world["draft"].owner_id)
    detail = client.get(reverse("audit:detail", args=[change.pk])).content.decode()
    assert "Informant X met the suspect in Lviv." in detail


def test_an_authoritys_security_setting_is_its_own_business(client, db):
    from comity.accounts.services import set_authority_two_factor

    moj = AuthorityFactory(country=country("UKR"), name="Ministry of Justice")
    pgo = AuthorityFactory(country=country("UKR"), name="Prosecutor General's Office")
    admin = UserFactory(role=Role.AUTHORITY_ADMIN, authority=moj)
    set_authority_two_factor(authority=moj, required=True, actor=admin)
    entry = AuditEntry.objects.filter(object_id=str(moj.pk)).latest("id")
    client.force_login(UserFactory(role=Role.AUTHORITY_ADMIN, authority=pgo))
    assert client.get(reverse("audit:detail", args=[entry.pk])).status_code == 404
    # ... and it is not in the directory entry's public history either.
    page = client.get(reverse("directory:authority_detail", args=[moj.pk])).content.decode()
    assert "require_two_factor" not in page


def test_entries_about_confidential_objects_written_before_owners_were_recorded_stay_hidden(
    client, two_ukrainian_authorities
):
    """Fail closed: an entry about a draft with no owner is shown to site admins only."""
    from tests.audit.tampering import tamper

    world = two_ukrainian_authorities
    for entry in AuditEntry.objects.filter(object_id=str(world["draft"].pk)):
        tamper(entry.pk, owner_id="")
    client.force_login(world["moj_admin"])
    assert "MOJ-SECRET-118" not in client.get(LOG).content.decode()


def test_a_site_admin_sees_that_a_draft_changed_but_not_what_it_says(
    client, site_admin, two_ukrainian_authorities
):
    world = two_ukrainian_authorities
    from tests.accounts.helpers import verified_login

    verified_login(client, site_admin)
    change = AuditEntry.objects.filter(object_id=str(world["draft"].pk), action="update").get()
    detail = client.get(reverse("audit:detail", args=[change.pk])).content.decode()
    assert "facts" in detail and "withheld" in detail
    assert "Informant X" not in detail
    assert "Informant X" not in client.get(LOG).content.decode()


def test_an_entrys_public_history_shows_changes_not_who_downloaded_it(client, db):
    ukr = AuthorityFactory(country=country("UKR"), name="Kyiv central authority")
    germans = AuthorityFactory(country=country("DEU"))
    reader = UserFactory(role=Role.OFFICER, authority=germans, first_name="Jonas")
    client.force_login(reader)
    client.get(reverse("directory:authority_vcard", args=[ukr.pk]))
    other = UserFactory(role=Role.VIEWER, authority=AuthorityFactory(country=country("UKR")))
    client.force_login(other)
    page = client.get(reverse("directory:authority_detail", args=[ukr.pk])).content.decode()
    assert "Jonas" not in page
