"""Votes and comments under answers.

With htmx the widget is swapped in place. Without JavaScript every successful post ends with a
redirect (post/redirect/get) to the page the visitor came from, the message shown in the widget,
so that a reload never posts again. Writes hold their own short transaction (the services'), so a
database that refuses the write is told to the visitor (503, "réessayez"), never acknowledged.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from guichet.faq.models import Entry
from guichet.feedback.services import InvalidFeedback, TooManyVoters, add_comment, record_vote
from guichet.limits import MAX_COMMENT_LENGTH
from guichet.throttling.clients import client_key
from guichet.throttling.limits import CountersUnavailable, RateLimit, RateLimited
from guichet.visitors import remember_visitor, visitor_id, voter_for
from guichet.web.forms import CommentForm, VoteForm
from guichet.web.unavailable import RETRY_AFTER_SECONDS

STORE_FAILED = gettext_lazy("Votre avis n’a pas pu être enregistré : réessayez dans quelques instants.")


def _safe_next(request: HttpRequest, value: str, entry: Entry) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, request.is_secure()):
        return value
    return entry.get_absolute_url()


def _widget(request: HttpRequest, entry: Entry, context: dict, status: int = 200) -> HttpResponse:
    """The feedback widget alone (htmx), or inside a page of its own (no JavaScript)."""
    template = "web/_feedback.html" if request.htmx else "web/feedback_page.html"
    response = render(request, template, {"entry": entry, "here": context.get("next", ""), **context}, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _back(request: HttpRequest, entry: Entry, next_url: str, message: str) -> HttpResponse:
    """Post/redirect/get: back where the visitor was, at the widget, with the message."""
    messages.success(request, message, extra_tags=f"avis-{entry.slug}")
    return redirect(f"{next_url.split('#')[0]}#avis-{entry.slug}")


TOO_MANY = gettext_lazy("Trop d’envois en peu de temps : réessayez dans une minute.")


def _store(request: HttpRequest, entry: Entry, context: dict, scope: str, write) -> HttpResponse | None:
    """Count the action against the client's limit, then ``write()``; the widget with the reason
    when either refuses, None when the write is stored."""
    try:
        RateLimit(*settings.GUICHET_VOTE_RATE).check(client_key(request), scope)
        write()
    except RateLimited:
        return _widget(request, entry, {**context, "error": TOO_MANY}, status=429)
    except TooManyVoters as err:
        return _widget(request, entry, {**context, "error": str(err)}, status=429)
    except InvalidFeedback as err:
        return _widget(request, entry, {**context, "error": str(err)}, status=400)
    except (DatabaseError, CountersUnavailable):
        return _widget(request, entry, {**context, "error": STORE_FAILED}, status=503)
    return None


@login_not_required
@transaction.non_atomic_requests
@require_http_methods(["GET", "HEAD", "POST"])
def vote(request: HttpRequest, slug: str) -> HttpResponse:
    entry = get_object_or_404(Entry.objects.published(), slug=slug)
    if request.method != "POST":  # "Modifier mon avis": the form again (in place with htmx, else on a page)
        return _widget(request, entry, {"next": entry.get_absolute_url(), "here": entry.get_absolute_url()})
    form = VoteForm(request.POST)
    if not form.is_valid():
        return _widget(request, entry, {"error": _("Choisissez « Oui » ou « Non ».")}, status=400)
    next_url = _safe_next(request, form.cleaned_data["next"], entry)
    context = {"next": next_url, "search_query": form.cleaned_data["q"]}
    voter = voter_for(request, browser=True)
    helpful = form.cleaned_data["helpful"] == "oui"
    refused = _store(request, entry, context, "vote",
                     lambda: record_vote(entry, voter.key, helpful, form.cleaned_data["q"], client=voter.client))
    if refused:
        return refused
    if request.htmx:
        response = _widget(request, entry, {**context, "voted": True, "helpful": helpful,
                                            "comment_form": CommentForm()})
    elif helpful:
        response = _back(request, entry, next_url, _("Merci pour votre retour !"))
    else:
        response = redirect(f"{reverse('comment', args=[entry.slug])}?{urlencode({'next': next_url})}")
    if voter.is_new:
        remember_visitor(request, response, voter.key)
    return response


@login_not_required
@transaction.non_atomic_requests
@require_http_methods(["GET", "HEAD", "POST"])
def comment(request: HttpRequest, slug: str) -> HttpResponse:
    entry = get_object_or_404(Entry.objects.published(), slug=slug)
    if request.method != "POST":  # after a "Non" without JavaScript: the comment form, on its own page
        next_url = _safe_next(request, request.GET.get("next", ""), entry)
        return _widget(request, entry, {"voted": True, "helpful": False, "next": next_url,
                                        "comment_form": CommentForm()})
    form = CommentForm(request.POST)
    next_url = _safe_next(request, request.POST.get("next", ""), entry)
    context = {"voted": True, "helpful": False, "next": next_url, "comment_form": form}
    if not form.is_valid():
        return _widget(request, entry, {**context, "error": _("Le commentaire est vide ou dépasse %(n)d caractères.")
                                        % {"n": MAX_COMMENT_LENGTH}}, status=400)
    visitor, _new = visitor_id(request)
    refused = _store(request, entry, context, "comment", lambda: add_comment(entry, visitor, form.cleaned_data["comment"]))
    if refused:
        return refused
    if request.htmx:
        return _widget(request, entry, {"commented": True, "next": next_url})
    return _back(request, entry, next_url, _("Merci, votre commentaire a bien été transmis à l’équipe éditoriale."))
