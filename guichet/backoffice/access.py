"""Every back-office view requires a signed-in editor (or administrator): anonymous visitors are
sent to the sign-in page, signed-in users without the role get a 403."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from guichet.faq.errors import FaqError
from guichet.faq.permissions import NotAllowed, is_admin, is_editor


def _guard(check, message):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                return forbidden(request, message)
            try:
                return view(request, *args, **kwargs)
            except NotAllowed as err:
                return forbidden(request, str(err))
        return wrapper
    return decorator


def forbidden(request, message):
    return render(request, "backoffice/forbidden.html", {"message": message}, status=403)


editor_required = _guard(is_editor, _("Cette page est réservée aux éditeurs."))
admin_required = _guard(is_admin, _("Cette page est réservée aux administrateurs."))


def error_message(err: FaqError) -> str:
    return getattr(err, "message", None) or str(err)
