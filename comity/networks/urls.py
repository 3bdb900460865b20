from django.urls import path

from comity.networks import training_urls
from comity.networks.views import events, networks

app_name = "networks"

urlpatterns = [
    path("", networks.network_list, name="list"),
    path("meetings/", events.event_list, name="events"),
    path("meetings/<int:pk>/", events.event_detail, name="event"),
    path("meetings/<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("meetings/<int:pk>/agenda/", events.event_agenda, name="event_agenda"),
    path("meetings/<int:pk>/participants/", events.participant_add, name="participant_add"),
    path(
        "meetings/<int:pk>/participants/focal-points/",
        events.participants_from_network,
        name="participants_from_network",
    ),
    path("meetings/<int:pk>/invite/", events.invite, name="invite"),
    path("meetings/<int:pk>/attendance/", events.attendance, name="attendance"),
    path("meetings/<int:pk>/minutes/", events.minutes, name="minutes"),
    path("meetings/<int:pk>/status/", events.transition, name="event_transition"),
    path("meetings/<int:pk>/actions/", events.action_add, name="action_add"),
    path("meetings/<int:pk>/meeting.ics", events.event_ics, name="event_ics"),
    path("actions/", events.action_list, name="actions"),
    path("actions/<int:pk>/done/", events.action_done, name="action_done"),
    path("register/<str:token>/", events.register, name="register"),
    *training_urls.urlpatterns,
    # A network's own pages last: its code is any slug.
    path("<slug:code>/", networks.network_detail, name="detail"),
    path("<slug:code>/focal-points/", networks.focal_points, name="focal_points"),
    path("<slug:code>/focal-points/rotate/", networks.rotate, name="rotate"),
    path("<slug:code>/members/add/", networks.member_add, name="member_add"),
    path(
        "<slug:code>/members/<int:member_id>/remove/",
        networks.member_remove,
        name="member_remove",
    ),
    path("<slug:code>/secretariat/", networks.secretariat, name="secretariat"),
    path("<slug:code>/meetings/new/", events.event_new, name="event_new"),
    path("<slug:code>/calendar.ics", networks.calendar, name="calendar"),
]
