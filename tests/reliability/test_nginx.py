"""deploy/nginx/advocacy.conf in front of gunicorn, for real.

The committed site file is used as is, except for what a test cannot have
(ports 80/443, the Let's Encrypt certificate, /var/log): those lines are
rewritten, and the test fails if they are no longer found. A self-signed
certificate stands in for the real one.
"""

import http.client
import shutil
import ssl
import subprocess

import pytest

from tests.conftest import require

from . import harness

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

HOST = "act.example.org"


def rewrite(text, old, new):
    assert old in text, f"deploy/nginx/advocacy.conf no longer contains {old!r}"
    return text.replace(old, new)


def fetch(port, path, *, tls, headers=None):
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection(
            "127.0.0.1", port, timeout=10, context=context
        )
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(
            "GET",
            path,
            headers={"Host": HOST, "Accept-Encoding": "br", **(headers or {})},
        )
        response = conn.getresponse()
        return (
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            response.read(),
        )
    finally:
        conn.close()


@pytest.fixture
def nginx(stack, tmp_path):
    require(shutil.which("nginx"), "nginx not installed (apt-get install nginx-light)")
    require(shutil.which("openssl"), "openssl not installed")
    web = stack.start_web(
        workers=1,
        DJANGO_SECURE_SSL_REDIRECT="true",
        DJANGO_ALLOWED_HOSTS=f"{HOST},127.0.0.1",
    )
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={HOST}",
            "-keyout",
            str(tmp_path / "key.pem"),
            "-out",
            str(tmp_path / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    http_port, https_port = harness.free_port(), harness.free_port()
    site = (harness.BASE_DIR / "deploy" / "nginx" / "advocacy.conf").read_text()
    web_port = web.url.rsplit(":", 1)[1]
    for old, new in [
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen [::]:80;", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("listen [::]:443 ssl http2;", ""),
        ("server 127.0.0.1:8000 ", f"server 127.0.0.1:{web_port} "),
        (f"/etc/letsencrypt/live/{HOST}/fullchain.pem", str(tmp_path / "cert.pem")),
        (f"/etc/letsencrypt/live/{HOST}/privkey.pem", str(tmp_path / "key.pem")),
        ("/var/log/nginx/advocacy.error.log", str(tmp_path / "error.log")),
    ]:
        site = rewrite(site, old, new)
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"worker_processes 1;\npid {tmp_path}/nginx.pid;\n"
        f"error_log {tmp_path}/main-error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  include {tmp_path}/site.conf;\n}}\n"
    )
    args = ["nginx", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)]
    check = subprocess.run([*args, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen(
        [*args, "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def up():
        try:
            return fetch(http_port, "/healthz", tls=False)[0] == 200
        except OSError:
            return False

    try:
        harness.wait_for(up, timeout=20, message="nginx")
        yield http_port, https_port
    finally:
        harness.kill_group(proc, timeout=5)


def test_nginx_site_in_front_of_gunicorn(nginx):
    http_port, https_port = nginx

    status, headers, _ = fetch(http_port, "/guides/", tls=False)
    assert status == 301 and headers["location"] == f"https://{HOST}/guides/"
    status, _, body = fetch(http_port, "/healthz", tls=False)
    assert (status, body) == (200, b"ok\n")  # monitors may probe over http

    # Django sees https through X-Forwarded-Proto: no redirect loop, and HSTS.
    status, headers, body = fetch(https_port, "/privacy/", tls=True)
    assert status == 200
    assert "max-age=31536000" in headers["strict-transport-security"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    html = body.decode()

    # A forged X-Forwarded-Proto over plain http is replaced by nginx.
    status, _, _ = fetch(
        http_port, "/healthz", tls=False, headers={"X-Forwarded-Proto": "https"}
    )
    assert status == 200

    # Hashed static files through the whole chain: compressed, cached forever.
    css = html.split('href="/static/css/site.', 1)[1].split('"', 1)[0]
    status, headers, _ = fetch(https_port, f"/static/css/site.{css}", tls=True)
    assert status == 200
    assert headers.get("content-encoding") == "br"
    assert "immutable" in headers["cache-control"]
