"""The API's one router: public and editors' operations share paths (GET and POST
``/entries``), so they must live on the same router."""

from ninja import Router

router = Router()
