"""Security headers on every response.

A strict Content-Security-Policy (no inline scripts or styles, nothing from
another origin), a same-origin referrer policy and a Permissions-Policy that
denies powerful features. The petition embed page may be framed by other
sites: views mark that with `frame_ancestors_allowed`.
"""

from functools import wraps

PUBLIC_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'self'; "
    "object-src 'none'; frame-ancestors {ancestors}"
)
# Django's admin sets inline style attributes; it is staff-only and same-origin.
ADMIN_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; base-uri 'self'; object-src 'none'; "
    "frame-ancestors 'none'"
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)


def frame_ancestors_allowed(view):
    """Let any site put this view's page in an iframe (the petition embed)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.frame_ancestors_allowed = True
        response.xframe_options_exempt = True
        return response

    return wrapped


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            csp = ADMIN_CSP
        else:
            embeddable = getattr(response, "frame_ancestors_allowed", False)
            csp = PUBLIC_CSP.format(ancestors="*" if embeddable else "'none'")
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
