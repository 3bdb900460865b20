"""Meetings as iCalendar (RFC 5545): one event, or a network's calendar to subscribe to.

Times are written in UTC; the meeting's own time zone is named in the description. UID is
stable per meeting and SEQUENCE rises with every change, so calendars update their copy;
a cancelled meeting stays in the feed with STATUS:CANCELLED so calendars remove it.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core import signing
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from comity.networks.models import Event
from comity.networks.vocabulary import MeetingStatus

PRODUCT = "-//comity//networks//EN"
FEED_SALT = "comity.networks.calendar"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _component(event: Event, site_url: str) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", f"{event.uid}@comity")
    item.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    item.add("dtstart", event.start.astimezone(datetime.UTC))
    item.add("dtend", event.end.astimezone(datetime.UTC))
    item.add("summary", event.title)
    item.add("sequence", event.sequence)
    item.add("status", "CANCELLED" if event.status == MeetingStatus.CANCELLED else "CONFIRMED")
    place = ", ".join(p for p in (event.place, event.online_url) if p)
    if place:
        item.add("location", place)
    lines = [event.description] if event.description else []
    agenda = list(event.agenda.all())
    if agenda:
        lines.append("")
        lines.extend(f"{a.position}. {a.title}" for a in agenda)
    if event.time_zone:
        lines.append("")
        lines.append(f"({event.time_zone})")
    if lines:
        item.add("description", "\n".join(lines).strip())
    url = f"{site_url.rstrip('/')}{event.get_absolute_url()}"
    item.add("url", url)
    return item


def event_ics(event: Event, *, site_url: str) -> bytes:
    calendar = _calendar(event.title)
    calendar.add_component(_component(event, site_url))
    return calendar.to_ical()


def calendar_ics(events, *, name: str, site_url: str) -> bytes:
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_component(event, site_url))
    return calendar.to_ical()


def feed_token(user, network_code: str) -> str:
    """A token that lets a calendar application read `user`'s view of a network's calendar
    without a session; it stops working when the user leaves (inactive) or the network."""
    return signing.dumps({"u": user.pk, "n": network_code}, salt=FEED_SALT, compress=True)


def feed_user(token: str, network_code: str):
    """The active user a feed token was made for, or None."""
    try:
        data = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        return None
    if data.get("n") != network_code:
        return None
    return get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
