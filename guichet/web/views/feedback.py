"""Votes and comments under answers: with htmx a fragment, without JavaScript a thank-you page."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core.signing import BadSignature, TimestampSigner
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from guichet.faq.models import Entry
from guichet.feedback.models import MAX_COMMENT_LENGTH, MAX_QUERY_LENGTH
from guichet.feedback.services import InvalidFeedback, RateLimit, RateLimited, add_comment, record_vote
from guichet.feedback.visitor_questions import submit_question
from guichet.web.visitor import client_key, remember_visitor, visitor_id


class VoteForm(forms.Form):
    helpful = forms.ChoiceField(choices=[("oui", _("Oui")), ("non", _("Non"))])
    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH)
    next = forms.CharField(required=False, max_length=2000)


class CommentForm(forms.Form):
    comment = forms.CharField(max_length=MAX_COMMENT_LENGTH, widget=forms.Textarea,
                              label=_("Comment pouvons-nous améliorer cette réponse ?"))
    next = forms.CharField(required=False, max_length=2000)


def _safe_next(request: HttpRequest, value: str, entry: Entry) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, request.is_secure()):
        return value
    return entry.get_absolute_url()


def _respond(request: HttpRequest, entry: Entry, context: dict, status: int = 200) -> HttpResponse:
    context = {"entry": entry, **context}
    template = "web/_feedback.html" if request.htmx else "web/feedback_page.html"
    return render(request, template, context, status=status)


def _limited(request: HttpRequest, scope: str) -> bool:
    try:
        RateLimit(*settings.GUICHET_VOTE_RATE).check(client_key(request), scope)
    except RateLimited:
        return True
    return False


@require_POST
def vote(request: HttpRequest, slug: str) -> HttpResponse:
    entry = get_object_or_404(Entry.objects.published(), slug=slug)
    form = VoteForm(request.POST)
    if not form.is_valid():
        return _respond(request, entry, {"error": _("Choisissez « Oui » ou « Non ».")}, status=400)
    next_url = _safe_next(request, form.cleaned_data["next"], entry)
    if _limited(request, "vote"):
        return _respond(request, entry, {"error": _("Trop d’envois en peu de temps : réessayez dans une minute."),
                                         "next": next_url}, status=429)
    visitor, is_new = visitor_id(request)
    try:
        saved = record_vote(entry, visitor, form.cleaned_data["helpful"] == "oui", form.cleaned_data["q"])
    except InvalidFeedback as err:
        return _respond(request, entry, {"error": str(err), "next": next_url}, status=400)
    response = _respond(request, entry, {"voted": saved, "next": next_url, "comment_form": CommentForm()})
    if is_new:
        remember_visitor(request, response, visitor)
    return response


@require_POST
def comment(request: HttpRequest, slug: str) -> HttpResponse:
    entry = get_object_or_404(Entry.objects.published(), slug=slug)
    form = CommentForm(request.POST)
    next_url = _safe_next(request, request.POST.get("next", ""), entry)
    if not form.is_valid():
        return _respond(request, entry, {"error": _("Le commentaire est vide ou dépasse %(n)d caractères.")
                                         % {"n": MAX_COMMENT_LENGTH}, "comment_form": form,
                                         "next": next_url}, status=400)
    if _limited(request, "comment"):
        return _respond(request, entry, {"error": _("Trop d’envois en peu de temps : réessayez dans une minute."),
                                         "next": next_url}, status=429)
    visitor, _new = visitor_id(request)
    try:
        add_comment(entry, visitor, form.cleaned_data["comment"])
    except InvalidFeedback as err:
        return _respond(request, entry, {"error": str(err), "next": next_url}, status=400)
    return _respond(request, entry, {"commented": True, "next": next_url})


# -- Visitor questions --------------------------------------------------------------------------
ASK_MIN_SECONDS = 3  # a person takes longer than this to type a question; most bots do not
ASK_MAX_AGE = 24 * 3600
ASK_RATE = (3, 600)  # three questions per client per ten minutes
_signer = TimestampSigner(salt="guichet.ask")


class AskForm(forms.Form):
    question = forms.CharField(min_length=10, max_length=500, label=_("Votre question"))
    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH)
    facettes = forms.CharField(required=False, max_length=2000)
    jeton = forms.CharField(max_length=200)
    site_web = forms.CharField(required=False, max_length=200)  # a trap: hidden from people


def ask_form_context(query) -> dict:
    """Hidden fields of the "ask a question" form for the current FAQ page."""
    facets = ";".join(f"{k}:{s}" for k, slugs in query.selection.items() for s in slugs)
    return {"q": query.q, "facettes": facets, "jeton": _signer.sign(str(int(time.time())))}


def _parse_facets(value: str) -> dict[str, list[str]]:
    facets: dict[str, list[str]] = {}
    for pair in value.split(";"):
        key, _sep, slug = pair.partition(":")
        if key and slug:
            facets.setdefault(key[:50], []).append(slug[:80])
    return facets


@require_POST
def ask(request: HttpRequest) -> HttpResponse:
    form = AskForm(request.POST)
    template = "web/_ask_result.html" if request.htmx else "web/ask_page.html"
    if not form.is_valid():
        return render(request, template, {"error": _("Écrivez une question de 10 à 500 caractères.")}, status=400)
    try:
        issued = int(_signer.unsign(form.cleaned_data["jeton"], max_age=ASK_MAX_AGE))
    except (BadSignature, ValueError):
        return render(request, template, {"error": _("Le formulaire a expiré : rechargez la page.")}, status=400)
    if form.cleaned_data["site_web"] or time.time() - issued < ASK_MIN_SECONDS:
        # Filled by a robot: thank it without storing anything.
        return render(request, template, {"sent": True})
    try:
        RateLimit(*ASK_RATE).check(client_key(request), "ask")
        submit_question(form.cleaned_data["question"], _parse_facets(form.cleaned_data["facettes"]),
                        form.cleaned_data["q"])
    except RateLimited:
        return render(request, template, {"error": _("Trop d’envois en peu de temps : réessayez plus tard.")},
                      status=429)
    except InvalidFeedback as err:
        return render(request, template, {"error": str(err)}, status=400)
    return render(request, template, {"sent": True})
