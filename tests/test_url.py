"""URL input: only http(s), no private addresses unless allowed, timeouts, size cap."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer

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


# --- issue 13: DNS rebinding, one deadline per fetch, malformed URLs ------------------------


class Recorder(BaseHTTPRequestHandler):
    """Records the Host header of each request; ``/hop`` redirects to ``internal.example``;
    ``/trickle`` sends a byte every 0.3 s, for ever."""

    hosts: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Recorder.hosts.append(self.headers.get("Host", ""))
        if self.path == "/hop":
            self.send_response(302)
            self.send_header("Location", f"http://internal.example:{self.server.server_port}/")
            self.end_headers()
            return
        if self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(0.3)
            except OSError:
                pass
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def recorder():
    Recorder.hosts = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


PUBLIC = "93.184.216.34"  # a public address; the tests never let a connection reach it


def fake_dns(monkeypatch, answers: dict[str, list[list[str]]]) -> list[str]:
    """Make getaddrinfo answer each name with its next list of addresses (the last repeats)."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            return real(host, port, *args, **kwargs)
        asked.append(host)
        queue = answers[host]
        addresses = queue.pop(0) if len(queue) > 1 else queue[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def route_public_to_loopback(monkeypatch) -> list[str]:
    """Connections to PUBLIC reach the local test server instead (as if it were there)."""
    import httpcore

    connected: list[str] = []
    real = httpcore.SyncBackend.connect_tcp

    def connect_tcp(self, host, port, *args, **kwargs):
        connected.append(host)
        return real(self, "127.0.0.1" if host == PUBLIC else host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_tcp)
    return connected


def test_dns_rebinding_connects_to_the_checked_address(monkeypatch, recorder) -> None:
    """Before: check_url saw the public answer, then httpx resolved again and got 127.0.0.1."""
    fake_dns(monkeypatch, {"rebind.example": [[PUBLIC], ["127.0.0.1"]]})
    connected = route_public_to_loopback(monkeypatch)
    doc = fetch_document(f"http://rebind.example:{recorder}/story")
    assert connected == [PUBLIC]  # the checked address, not the second answer
    assert Recorder.hosts == [f"rebind.example:{recorder}"]  # the Host header keeps the name
    assert "bridge would reopen" in doc.text


def test_rebinding_to_a_private_address_is_refused(monkeypatch, recorder) -> None:
    fake_dns(monkeypatch, {"rebind.example": [["127.0.0.1"]]})
    with pytest.raises(FetchError, match="non-public address") as refused:
        fetch_document(f"http://rebind.example:{recorder}/story")
    assert Recorder.hosts == []
    assert "127.0.0.1" not in str(refused.value)  # the internal address is not shown


def test_every_redirect_hop_is_checked_at_connect_time(monkeypatch, recorder) -> None:
    fake_dns(monkeypatch, {"start.example": [[PUBLIC]], "internal.example": [["127.0.0.1"]]})
    route_public_to_loopback(monkeypatch)
    with pytest.raises(FetchError, match="'internal.example' resolves to one"):
        fetch_document(f"http://start.example:{recorder}/hop")
    assert Recorder.hosts == [f"start.example:{recorder}"]


def test_tls_keeps_the_host_name_for_sni() -> None:
    from slant.ingest.netguard import Deadline, _DeadlineStream

    class Stream:
        def start_tls(self, ssl_context, server_hostname=None, timeout=None):
            self.server_hostname = server_hostname
            return self

    inner = Stream()
    _DeadlineStream(inner, Deadline(5)).start_tls(None, server_hostname="news.example")
    assert inner.server_hostname == "news.example"


def test_a_trickling_server_is_cut_off_by_the_deadline(recorder) -> None:
    """Before: each byte came well inside the 15 s read timeout, so the fetch never ended."""
    started = time.monotonic()
    with pytest.raises(FetchError, match="took longer than 1.5 s in all"):
        fetch_document(
            f"http://127.0.0.1:{recorder}/trickle", allow_private=True, timeout=1, deadline=1.5
        )
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    "url", ["http://example.com:99999/", "http://[::1/", "http://exa mple.com/", "https://:80/"]
)
def test_malformed_urls_are_one_line_errors(runner, url) -> None:
    with pytest.raises(FetchError, match=r"not a valid URL|no host name|cannot resolve"):
        fetch_document(url)
    result = runner.invoke(app, ["analyze", url])
    assert result.exit_code == 1 and result.output.startswith(f"Error: {url}")
    assert len(result.output.strip().splitlines()) == 1
