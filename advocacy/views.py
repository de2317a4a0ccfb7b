"""Pages that belong to the whole site: home, health check, privacy, errors."""

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


def home(request):
    return render(request, "advocacy/home.html")


@never_cache
def healthz(request):
    """Answer 200 "ok" once the database answers a query; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def privacy(request):
    return render(request, "advocacy/privacy.html")


def coming_soon(request, title):
    """An honest placeholder for a path that another piece of work will build."""
    return render(request, "advocacy/coming_soon.html", {"title": title})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request (no session, messages or database: any of
    # them may be the problem); a database outage gets the 503 page instead.
    from .middleware import server_error_response

    return server_error_response()
