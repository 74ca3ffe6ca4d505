"""Values every template may need."""

from guichet import limits

STATE_LINKS = [("info.gouv.fr", "https://www.info.gouv.fr"), ("service-public.gouv.fr", "https://www.service-public.gouv.fr"),
               ("legifrance.gouv.fr", "https://www.legifrance.gouv.fr"), ("data.gouv.fr", "https://www.data.gouv.fr")]


def site(request) -> dict:
    return {"state_links": STATE_LINKS, "limits": {
        "comment": limits.MAX_COMMENT_LENGTH, "query": limits.MAX_QUERY_LENGTH,
        "question_min": limits.MIN_VISITOR_QUESTION_LENGTH, "question_max": limits.MAX_VISITOR_QUESTION_LENGTH,
        "reason": limits.MAX_REASON_LENGTH,
    }}
