"""Every JSON body is an object: a list or a bare value is a 400 naming the body, for every
endpoint, including a PATCH whose fields are all optional (it would otherwise change nothing and
answer 200)."""

import pytest

from comity.networks.models import Course
from tests.networks.helpers import plenary, wacap  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("body", ["[null, null]", "[]", "3", '"text"', "null"])
def test_a_body_that_is_not_an_object_is_refused(wacap, client, body):  # noqa: F811
    event = plenary(wacap)
    course = Course.objects.create(network=wacap["network"], title="Course")
    client.force_login(wacap["secretary"])
    for url in (f"/api/v1/events/{event.pk}", f"/api/v1/courses/{course.pk}"):
        answer = client.patch(url, body, content_type="application/json")
        assert answer.status_code == 400, (url, answer.content)
        assert answer.json()["errors"] == [{"field": "body", "message": "Send a JSON object."}]
