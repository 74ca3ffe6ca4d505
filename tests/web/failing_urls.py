"""The site's URLs plus a public view that fails, to see what a server error gives, and a view that
forgot its guard, to see that it stays closed."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from guichet.urls import handler400, handler404, handler500, urlpatterns  # noqa: F401


@login_not_required
def broken(request):
    raise RuntimeError("a bug in a view")


def forgot_its_guard(request):
    return HttpResponse("secret")


urlpatterns = [path("hors-service/", broken), path("gestion/oubliee/", forgot_its_guard), *urlpatterns]
