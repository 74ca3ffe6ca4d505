"""The site's URLs plus one view that fails, to see what a server error gives."""

from django.urls import path

from guichet.urls import handler400, handler404, handler500, urlpatterns  # noqa: F401


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("hors-service/", broken), *urlpatterns]
