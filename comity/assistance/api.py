from ninja import Router

from comity.accounts.authentication import SessionOrToken

router = Router(auth=SessionOrToken())
