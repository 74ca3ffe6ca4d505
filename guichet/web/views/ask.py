"""Visitors' questions for the editors, when search did not help.

A question sent the way robots send (a hidden field filled, or under ``ASK_MIN_SECONDS`` after
the form was served) is stored all the same, set aside for editors to accept or dismiss: no
visitor is thanked for a question that was dropped. A rate limit per client keeps floods down.
Without JavaScript a sent question ends with a redirect to this page (no repost).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guichet.feedback.services import InvalidFeedback
from guichet.feedback.visitor_questions import submit_question
from guichet.indexing.current import current_snapshot
from guichet.limits import MAX_VISITOR_QUESTION_LENGTH, MIN_VISITOR_QUESTION_LENGTH
from guichet.throttling.clients import client_key
from guichet.throttling.limits import CountersUnavailable, RateLimit, RateLimited
from guichet.web import page_cache
from guichet.web.forms import AskForm
from guichet.web.query import FaqQuery, parse_facet_pairs, parse_faq_query
from guichet.web.unavailable import RETRY_AFTER_SECONDS
from guichet.web.visitor import ExpiredToken, ask_token_age

ASK_MIN_SECONDS = 3  # a person takes longer than this to type a question; most robots do not
ASK_RATE = (3, 600)  # three questions per client per ten minutes


@login_not_required
@transaction.non_atomic_requests
@require_http_methods(["GET", "HEAD", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        snapshot = current_snapshot()
        query = parse_faq_query(request.GET, snapshot.vocabulary)
        return page_cache.fill(request, render(request, "web/ask_page.html", {
            "query": FaqQuery(q=query.q, selection=query.selection), **page_cache.placeholders()}))
    form = AskForm(request.POST)
    template = "web/_ask_result.html" if request.htmx else "web/ask_page.html"

    def refuse(message: str, status: int) -> HttpResponse:
        response = render(request, template, {"error": message, "posted": form.data, "query": FaqQuery(),
                                              **page_cache.placeholders()}, status=status)
        if status == 503:
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return page_cache.fill(request, response)

    if form.errors.get("courriel"):
        return refuse(_("Cette adresse de courriel n’est pas valide : corrigez-la ou laissez le champ vide."), 400)
    if not form.is_valid():
        return refuse(_("Écrivez une question de %(min)d à %(max)d caractères.") % {
            "min": MIN_VISITOR_QUESTION_LENGTH, "max": MAX_VISITOR_QUESTION_LENGTH}, 400)
    try:
        age = ask_token_age(form.cleaned_data["jeton"])
    except ExpiredToken:
        return refuse(_("Le formulaire a expiré : rechargez la page."), 400)
    suspicion = ("honeypot" if form.cleaned_data["site_web"] else "fast" if age < ASK_MIN_SECONDS else "")
    facets = parse_facet_pairs(form.cleaned_data["facettes"], current_snapshot().vocabulary)
    try:
        RateLimit(*ASK_RATE).check(client_key(request), "ask")
        submit_question(form.cleaned_data["question"], facets, form.cleaned_data["q"], suspicion=suspicion,
                        email=form.cleaned_data["courriel"], language=get_language() or "fr")
    except RateLimited:
        return refuse(_("Trop d’envois en peu de temps : réessayez plus tard."), 429)
    except InvalidFeedback as err:
        return refuse(str(err), 400)
    except (DatabaseError, CountersUnavailable):
        return refuse(_("Votre question n’a pas pu être enregistrée : réessayez dans quelques instants."), 503)
    return _sent(request, template)


def _sent(request: HttpRequest, template: str) -> HttpResponse:
    if request.htmx:
        return render(request, template, {"sent": True})
    messages.success(request, _("Merci ! Votre question a été transmise à l’équipe éditoriale ; "
                                "sa réponse sera publiée dans cette FAQ."), extra_tags="poser")
    return redirect("ask")
