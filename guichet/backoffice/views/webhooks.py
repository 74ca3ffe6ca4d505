"""Administrators register the addresses that receive Guichet's events (signed JSON), and read the
log of deliveries; a new webhook's secret is shown once, on the page that follows its creation."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guichet.backoffice.access import admin_required, error_message
from guichet.faq.errors import FieldError
from guichet.parsing import parse_id
from guichet.webhooks.models import EVENTS
from guichet.webhooks.service import active_webhooks, deactivate, recent_deliveries, register

SHOWN_ONCE = "guichet_new_webhook_secret"


@admin_required
def webhook_list(request):
    error = ""
    if request.method == "POST":
        try:
            registered = register(request.user, request.POST.get("url", ""), request.POST.getlist("events"))
        except FieldError as err:
            error = error_message(err)
        else:
            request.session[SHOWN_ONCE] = {"url": registered.webhook.url, "secret": registered.secret}
            return redirect("backoffice:webhooks")
    return render(request, "backoffice/webhooks.html", {
        "webhooks": active_webhooks(), "deliveries": recent_deliveries(), "events": EVENTS, "error": error,
        "new_secret": request.session.pop(SHOWN_ONCE, None), "posted": request.POST if error else {},
    }, status=422 if error else 200)


@require_POST
@admin_required
def webhook_stop(request, pk: int):
    webhook = get_object_or_404(active_webhooks(), pk=parse_id(pk))
    deactivate(request.user, webhook)
    messages.success(request, _("Le webhook %(url)s ne reçoit plus rien.") % {"url": webhook.url})
    return redirect("backoffice:webhooks")
