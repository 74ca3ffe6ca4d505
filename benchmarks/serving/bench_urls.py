"""Guichet's URLs plus ``/_bare/``: a view that does nothing, the ceiling of any Django page here."""

import os

from django.db import transaction
from django.http import HttpResponse
from django.urls import path

from guichet.urls import handler400, handler404, handler500  # noqa: F401
from guichet.urls import urlpatterns as guichet_urls


@transaction.non_atomic_requests
def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("_bare/", bare), *guichet_urls]

if "cards" in os.environ.get("GUICHET_BENCH_WITHOUT", "").split(","):
    from guichet.web import cards

    cards._store = cards.CardStore(capacity=0)  # every card rendered for every page
