"""Which results visitors open: the list reports an answer unfolded (a beacon from the page's
script); following a result to its page is logged by that page."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from guichet.feedback.search_log import log_open
from guichet.indexing.current import current_snapshot
from guichet.limits import MAX_SLUG_LENGTH
from guichet.parsing import parse_int
from guichet.throttling.clients import client_key
from guichet.throttling.limits import RateLimit, RateLimited
from guichet.web.query import parse_search_text
from guichet.web.views.faq import MAX_RANK


# No CSRF token: a beacon cannot send one, and a forged open only adds a row to a statistic,
# counted against the client's rate limit like the rest.
@login_not_required
@csrf_exempt
@require_POST
@transaction.non_atomic_requests
def result_opened(request: HttpRequest) -> HttpResponse:
    rank = parse_int(request.POST.get("rang", ""), minimum=1, maximum=MAX_RANK)
    entry_id = current_snapshot().entry_ids.get(request.POST.get("slug", "")[:MAX_SLUG_LENGTH])
    if rank is None or entry_id is None:
        return HttpResponse("expected the slug of a published entry and its rank (rang)", status=400,
                            content_type="text/plain; charset=utf-8")
    try:
        RateLimit(*settings.GUICHET_API_RATE).check(client_key(request), "opens", fail_open=True)
    except RateLimited as err:
        return HttpResponse(status=429, headers={"Retry-After": str(err.retry_after)})
    log_open(parse_search_text(request.POST), entry_id, rank)
    return HttpResponse(status=204)
