"""Signing in, with wrong passwords throttled per account and per client."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guichet.throttling.clients import client_key
from guichet.throttling.limits import RateLimit


class ThrottledAuthenticationForm(AuthenticationForm):
    """After too many wrong passwords for one account, or from one client, every attempt is
    refused (the right password too) until the period ends."""

    def _limits(self) -> list[tuple[RateLimit, str, str]]:
        username = (self.data.get("username") or "").strip().lower()
        return [(RateLimit(*settings.GUICHET_LOGIN_ACCOUNT_RATE), username, "login-account"),
                (RateLimit(*settings.GUICHET_LOGIN_CLIENT_RATE), client_key(self.request), "login-client")]

    def clean(self):
        limits = self._limits()
        for limit, key, scope in limits:
            if limit.exceeded(key, scope):
                raise ValidationError(
                    _("Trop de tentatives de connexion : réessayez dans %(minutes)d minutes.")
                    % {"minutes": max(1, round(limit.retry_after() / 60))}, code="throttled")
        try:
            return super().clean()
        except ValidationError:
            for limit, key, scope in limits:
                limit.hit(key, scope)
            raise


class SignInView(LoginView):
    template_name = "backoffice/login.html"
    authentication_form = ThrottledAuthenticationForm
