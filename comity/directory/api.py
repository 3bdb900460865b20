from ninja import Router

authorities_router = Router()
networks_router = Router()
