from ninja import Router

from comity.accounts.authentication import SessionOrToken

events_router = Router(auth=SessionOrToken())
actions_router = Router(auth=SessionOrToken())
