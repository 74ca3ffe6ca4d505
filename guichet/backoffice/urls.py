from django.contrib.auth import views as auth_views
from django.urls import path

from guichet.backoffice.views import (
    admin_pages,
    api_tokens,
    auth,
    entries,
    insights,
    misc,
    search_tools,
    site_pages,
    translations,
)

app_name = "backoffice"

urlpatterns = [
    path("", misc.dashboard, name="dashboard"),
    path("connexion/", auth.SignInView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(next_page="/gestion/connexion/"), name="logout"),
    path("entrees/", entries.entry_list, name="entries"),
    path("entrees/nouvelle/", entries.entry_edit, name="entry_new"),
    path("entrees/<int:pk>/", entries.entry_edit, name="entry_edit"),
    path("entrees/<int:pk>/statut/", entries.entry_status, name="entry_status"),
    path("entrees/<int:pk>/historique/", entries.entry_history, name="entry_history"),
    path("entrees/<int:pk>/restaurer/<int:number>/", entries.entry_restore, name="entry_restore"),
    path("entrees/<int:pk>/traduction/<str:language>/", translations.entry_translation, name="entry_translation"),
    path("entrees/<int:pk>/avis/", misc.entry_feedback, name="entry_feedback"),
    path("apercu/", entries.preview, name="preview"),
    path("doublons/verifier/", entries.duplicate_check, name="duplicate_check"),
    path("doublons/", misc.duplicates_report, name="duplicates"),
    path("avis/", misc.feedback_ranking, name="feedback"),
    path("avis/<int:pk>/traiter/", misc.comment_handled, name="comment_handled"),
    path("questions/", misc.visitor_questions, name="visitor_questions"),
    path("questions/<int:pk>/ecarter/", misc.dismiss, name="dismiss"),
    path("journal/", misc.audit_trail, name="audit"),
    path("facettes/", admin_pages.facets, name="facets"),
    path("facettes/<int:pk>/", admin_pages.facet_detail, name="facet_detail"),
    path("valeurs/<int:pk>/deplacer/", admin_pages.value_move, name="value_move"),
    path("valeurs/<int:pk>/fusionner/", admin_pages.value_merge, name="value_merge"),
    path("synonymes/", admin_pages.synonyms, name="synonyms"),
    path("comptes/", admin_pages.accounts, name="accounts"),
    path("import-export/", admin_pages.exchange, name="exchange"),
    path("pages/", site_pages.page_list, name="pages"),
    path("pages/<slug:slug>/", site_pages.page_edit, name="page_edit"),
    path("pourquoi/<slug:slug>/", search_tools.explain, name="explain"),
    path("statistiques/", insights.insights_page, name="insights"),
    path("statistiques/ecarter/", insights.gap_dismiss, name="gap_dismiss"),
    path("statistiques/resume/", insights.digest_subscription, name="digest_subscription"),
    path("jetons/", api_tokens.token_list, name="api_tokens"),
    path("jetons/<int:pk>/revoquer/", api_tokens.token_revoke, name="api_token_revoke"),
    path("export/<str:fmt>/", admin_pages.download, name="download"),
]
