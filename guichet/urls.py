from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView

from guichet.api.main import api
from guichet.backoffice.views.oidc import SignInCallback
from guichet.faq.models import SitePage
from guichet.web.feeds import EntriesFeed
from guichet.web.views import activity, ask, errors, faq, files, machines, site, votes

API_PATTERNS, *API_NAMES = api.urls

# Pages for people: French at the root (old links unchanged), English under /en/.
urlpatterns = i18n_patterns(
    path("", faq.faq_list, name="faq"),
    path("questions/poser/", ask.ask, name="ask"),
    path("questions/<slug:slug>/", faq.entry_detail, name="entry"),
    path("questions/<slug:slug>/vote/", votes.vote, name="vote"),
    path("questions/<slug:slug>/commentaire/", votes.comment, name="comment"),
    path("plan-du-site/", site.site_map, name="site_map"),
    path("nouveautes/", site.news, name="news"),
    path("flux/", login_not_required(EntriesFeed()), name="feed"),
    *[path(f"{kind}/", site.site_page, {"slug": kind}, name=f"page-{kind}") for kind in SitePage.Kind.values],
    path("gestion/", include("guichet.backoffice.urls")),
    prefix_default_language=False,
) + [
    # For programs: one address whatever the language.
    path("ouvertures/", activity.result_opened, name="result_opened"),
    path("pieces-jointes/<int:pk>/<str:name>", files.attachment, name="attachment"),
    # Registered at the identity provider: one address whatever the language.
    path("gestion/connexion/fournisseur/retour/", SignInCallback.as_view(), name="oidc_callback"),
    path("robots.txt", machines.robots_txt, name="robots"),
    path("sitemap.xml", machines.sitemap_xml, name="sitemap"),
    path("llms.txt", machines.llms_txt, name="llms"),
    path("llms-full.txt", machines.llms_full_txt, name="llms_full"),
    path("api/v1/", (API_PATTERNS, *API_NAMES)),
    path("api/", login_not_required(RedirectView.as_view(url="/api/v1/docs", permanent=False))),
    path("api/docs", login_not_required(RedirectView.as_view(url="/api/v1/docs", permanent=False))),
]

# Signing in is the default (LoginRequiredMiddleware): public views say so with @login_not_required;
# the API authenticates programs with its own tokens.
for _pattern in API_PATTERNS:
    login_not_required(_pattern.callback)

handler400 = errors.bad_request
handler404 = errors.not_found
handler500 = errors.server_error
