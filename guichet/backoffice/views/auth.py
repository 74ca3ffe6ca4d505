"""Signing in and changing one's password: the site's only doors that check a password, both
throttled the same way (per account and per client)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from guichet.faq.services.accounts import AccountError, account_key, change_password
from guichet.throttling.clients import client_key
from guichet.throttling.limits import CountersUnavailable, RateLimit


class PasswordThrottle:
    """Wrong passwords counted per account (the name as authentication reads it: NFKC, any case)
    and per client; past either limit every attempt is refused, the right password too, until the
    period ends."""

    def __init__(self, request: HttpRequest, username: str):
        self.limits = [(RateLimit(*settings.GUICHET_LOGIN_ACCOUNT_RATE), account_key(username), "login-account"),
                       (RateLimit(*settings.GUICHET_LOGIN_CLIENT_RATE), client_key(request), "login-client")]

    def refuse_if_exceeded(self) -> None:
        for limit, key, scope in self.limits:
            try:
                exceeded = limit.exceeded(key, scope)
            except CountersUnavailable as err:  # a throttle that cannot count keeps the door shut
                raise ValidationError(_("Connexion momentanément impossible : réessayez dans quelques instants."),
                                      code="unavailable") from err
            if exceeded:
                raise ValidationError(
                    _("Trop de tentatives de connexion : réessayez dans %(minutes)d minutes.")
                    % {"minutes": max(1, round(limit.retry_after() / 60))}, code="throttled")

    def count_failure(self) -> None:
        for limit, key, scope in self.limits:
            try:
                limit.hit(key, scope)
            except CountersUnavailable:
                pass  # refuse_if_exceeded shuts the door while the counters are away


class ThrottledAuthenticationForm(AuthenticationForm):
    def clean(self):
        if not settings.GUICHET_LOCAL_SIGN_IN:
            raise ValidationError(_("La connexion par mot de passe est désactivée : utilisez %(provider)s.")
                                  % {"provider": settings.GUICHET_OIDC.provider_name}, code="disabled")
        # cleaned_data holds the name as the username field normalised it (NFKC), which is the
        # name authentication looks up: "ｖｉｃｔｉｍ" counts against "victim".
        throttle = PasswordThrottle(self.request, self.cleaned_data.get("username") or self.data.get("username") or "")
        throttle.refuse_if_exceeded()
        try:
            return super().clean()
        except ValidationError:
            throttle.count_failure()
            raise


class SignInView(LoginView):
    """The password form, the identity provider's button, or both (GUICHET_LOCAL_SIGN_IN, GUICHET_OIDC_*)."""

    template_name = "backoffice/login.html"
    authentication_form = ThrottledAuthenticationForm

    def get_context_data(self, **kwargs):
        oidc = settings.GUICHET_OIDC
        return super().get_context_data(**kwargs, local_sign_in=settings.GUICHET_LOCAL_SIGN_IN,
                                         provider_name=oidc.provider_name if oidc else "")


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """The current password is checked like a sign-in: a stolen session cannot guess it."""

    def clean_old_password(self):
        throttle = PasswordThrottle(self.request, self.user.get_username())
        throttle.refuse_if_exceeded()
        try:
            return super().clean_old_password()
        except ValidationError:
            throttle.count_failure()
            raise


@login_required
def password_change(request: HttpRequest):
    if not request.user.has_usable_password() or not settings.GUICHET_LOCAL_SIGN_IN:
        oidc = settings.GUICHET_OIDC
        return render(request, "backoffice/password_change.html",
                      {"form": None, "provider_name": oidc.provider_name if oidc else ""})
    form = ThrottledPasswordChangeForm(request.user, request.POST or None)
    form.request = request
    for name in ("old_password", "new_password1", "new_password2"):
        form.fields[name].widget.attrs["class"] = "fr-input"
    if request.method == "POST" and form.is_valid():
        try:
            change_password(request, request.user, form.cleaned_data["new_password1"])
        except AccountError as err:
            form.add_error("new_password1", str(err))
        else:
            messages.success(request, _("Mot de passe changé : vos autres sessions sont fermées."))
            return redirect("backoffice:password_change")
    return render(request, "backoffice/password_change.html", {"form": form})
