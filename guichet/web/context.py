"""Values every template may need."""

from guichet import limits


def site(request) -> dict:
    return {"limits": {
        "comment": limits.MAX_COMMENT_LENGTH, "query": limits.MAX_QUERY_LENGTH,
        "question_min": limits.MIN_VISITOR_QUESTION_LENGTH, "question_max": limits.MAX_VISITOR_QUESTION_LENGTH,
    }}
