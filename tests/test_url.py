"""URL input: only http(s), no private addresses unless allowed, timeouts, size cap."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from slant import FetchError
from slant.cli import app
from slant.ingest.url import check_url, fetch_document

PAGE = (
    "<html><head><title>Local story</title></head><body><article><p>"
    + "The council said on Tuesday that the bridge would reopen next month. " * 8
    + "</p></article></body></html>"
).encode()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/story")
            self.end_headers()
            return
        body = PAGE if self.path == "/story" else b"x" * 3000
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def silent_port():
    """A port that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    yield sock.getsockname()[1]
    sock.close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/file", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("http://127.0.0.1/x", "non-public address 127.0.0.1"),
        ("http://localhost/x", "non-public address"),
        ("http://10.0.0.8/x", "non-public address 10.0.0.8"),
        ("http://169.254.169.254/latest", "non-public address 169.254.169.254"),
        ("http://[::1]/x", "non-public address ::1"),
    ],
)
def test_refused_urls(url: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        check_url(url)


def test_fetch_with_allow_private_follows_redirects(server) -> None:
    doc = fetch_document(server + "/redirect", allow_private=True)
    assert doc.title == "Local story" and "bridge would reopen" in doc.text
    assert doc.url == server + "/story"


def test_private_address_is_refused_without_the_flag(server, runner) -> None:
    result = runner.invoke(app, ["analyze", server + "/story"])
    assert result.exit_code == 1
    assert "non-public address 127.0.0.1" in result.output and "--allow-private" in result.output


def test_timeout_is_a_clear_error(silent_port) -> None:
    with pytest.raises(FetchError, match="timed out"):
        fetch_document(f"http://127.0.0.1:{silent_port}/", allow_private=True, timeout=0.5)


def test_refused_connection_is_a_clear_error(runner) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    result = runner.invoke(app, ["analyze", f"http://127.0.0.1:{port}/", "--allow-private"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: http://127.0.0.1:") and "cannot fetch" in result.output


def test_size_cap(server) -> None:
    with pytest.raises(FetchError, match="larger than the limit"):
        fetch_document(server + "/big", allow_private=True, max_bytes=1000)
