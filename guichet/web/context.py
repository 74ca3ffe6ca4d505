"""Values every template may need."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from guichet import limits
from guichet.addresses import site_url

STATE_LINKS = [("info.gouv.fr", "https://www.info.gouv.fr"), ("service-public.gouv.fr", "https://www.service-public.gouv.fr"),
               ("legifrance.gouv.fr", "https://www.legifrance.gouv.fr"), ("data.gouv.fr", "https://www.data.gouv.fr")]


def language_links(request) -> list[dict]:
    """This page in each language: the selector's links and the hreflang alternates."""
    current, path, base = get_language(), request.get_full_path(), site_url(request)
    links = [{"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
             for code, name in settings.LANGUAGES]
    return [{**link, "absolute": base + link["url"]} for link in links]


def site(request) -> dict:
    return {"state_links": STATE_LINKS, "language_links": language_links(request),
            "limits": {
        "comment": limits.MAX_COMMENT_LENGTH, "query": limits.MAX_QUERY_LENGTH, "email": limits.MAX_EMAIL_LENGTH,
        "question_min": limits.MIN_VISITOR_QUESTION_LENGTH, "question_max": limits.MAX_VISITOR_QUESTION_LENGTH,
        "reason": limits.MAX_REASON_LENGTH, "entry_question": limits.MAX_QUESTION_LENGTH,
        "entry_answer": limits.MAX_ANSWER_LENGTH, "token_name": limits.MAX_TOKEN_NAME_LENGTH,
        "review_comment": limits.MAX_REVIEW_COMMENT_LENGTH, "attachment_text": limits.MAX_ATTACHMENT_TEXT_LENGTH,
    }, "attachment_max_mb": settings.GUICHET_ATTACHMENT_MAX_BYTES // (1024 * 1024),
    "retention_days": settings.GUICHET_QUESTION_RETENTION_DAYS}
