from django.contrib import admin
from django.urls import include, path

from guichet.web.views import ask, errors, faq, votes

urlpatterns = [
    path("", faq.faq_list, name="faq"),
    path("questions/poser/", ask.ask, name="ask"),
    path("questions/<slug:slug>/", faq.entry_detail, name="entry"),
    path("questions/<slug:slug>/vote/", votes.vote, name="vote"),
    path("questions/<slug:slug>/commentaire/", votes.comment, name="comment"),
    path("questions/<slug:slug>/pourquoi/", faq.explain, name="explain"),
    path("gestion/", include("guichet.backoffice.urls")),
    path("admin/", admin.site.urls),
]

handler400 = errors.bad_request
handler404 = errors.not_found
handler500 = errors.server_error
