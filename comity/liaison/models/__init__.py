from comity.liaison.models.messages import (
    Attachment,
    Correspondence,
    Entity,
    FormalRequest,
    Message,
    Read,
    ReplyReminder,
)
from comity.liaison.models.protection import IdentityView, NamedUser, ProtectedPerson

__all__ = [
    "Attachment",
    "Correspondence",
    "Entity",
    "FormalRequest",
    "IdentityView",
    "Message",
    "NamedUser",
    "ProtectedPerson",
    "Read",
    "ReplyReminder",
]
