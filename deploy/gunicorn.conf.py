"""gunicorn for a real host (systemd): the project's gunicorn.conf.py plus host values.

    gunicorn --config deploy/gunicorn.conf.py advocacy.wsgi

Everything else (workers, timeouts, JSON access log without client
addresses, max_requests with jitter, preload) comes from ../gunicorn.conf.py
and the environment (WEB_CONCURRENCY, GUNICORN_TIMEOUT, ...), so both stay
in step.
"""

import os
import runpy

_base = runpy.run_path(
    os.path.join(os.path.dirname(__file__), "..", "gunicorn.conf.py")
)
globals().update({k: v for k, v in _base.items() if not k.startswith("_")})

# nginx on the same host proxies to this address (deploy/nginx/advocacy.conf).
# On several machines behind one load balancer, bind a private address instead
# and list the balancer in TRUSTED_PROXY_IPS and FORWARDED_ALLOW_IPS.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Workers: 2 x cores + 1 is the usual start; each sync worker uses ~60-80 MB.
workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) * 2 + 1))
