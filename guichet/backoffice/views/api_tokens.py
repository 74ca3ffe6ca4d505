"""Editors create and revoke their API tokens; a new token is shown once, on the page that
follows its creation, and never again."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guichet.api.models import ApiToken
from guichet.api.tokens import create_token, revoke_token, tokens_visible_to
from guichet.backoffice.access import editor_required, error_message
from guichet.faq.errors import FieldError
from guichet.parsing import parse_id

SHOWN_ONCE = "guichet_new_token"  # the session key holding a new token until its page is shown


@editor_required
def token_list(request):
    error = ""
    if request.method == "POST":
        try:
            issued = create_token(request.user, request.POST.get("name", ""), request.POST.get("scope", ""))
        except FieldError as err:
            error = error_message(err)
        else:
            request.session[SHOWN_ONCE] = {"secret": issued.secret, "name": issued.token.name}
            return redirect("backoffice:api_tokens")
    new_token = request.session.pop(SHOWN_ONCE, None)
    return render(request, "backoffice/api_tokens.html", {
        "tokens": tokens_visible_to(request.user), "scopes": ApiToken.Scope.choices, "new_token": new_token,
        "error": error, "name": request.POST.get("name", "") if error else "",
    }, status=422 if error else 200)


@require_POST
@editor_required
def token_revoke(request, pk: int):
    token = get_object_or_404(tokens_visible_to(request.user), pk=parse_id(pk))
    revoke_token(request.user, token)
    messages.success(request, _("Le jeton « %(name)s » est révoqué : il ne donne plus accès à l’API.") % {"name": token.name})
    return redirect("backoffice:api_tokens")
