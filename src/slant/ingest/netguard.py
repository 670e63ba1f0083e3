"""The address guard of URL fetches: resolve a host once, check every address, connect to the
address that was checked, within one deadline for the whole fetch.

Checking a name and then letting the HTTP client resolve it again to connect leaves a gap:
a DNS server that answers a public address to the check and 127.0.0.1 to the connection
("DNS rebinding") gets the fetch into the private network. Here the check *is* the
resolution: :class:`GuardedBackend` is the httpcore network backend of the fetch, so every TCP
connection — the first request and every redirect hop — resolves its host, refuses it unless
all its addresses are public, and connects to one of those very addresses. Only the TCP
address changes: the URL keeps its host name, so the ``Host`` header and the TLS SNI and
certificate check stay those of the name.

Every read, write and connect of the fetch is also bounded by what is left of the fetch's
overall deadline (:class:`Deadline`), so a server that sends one byte every few seconds — each
read well inside the per-read timeout — is still cut off when the deadline passes.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from ..errors import FetchError

__all__ = [
    "Deadline",
    "GuardedBackend",
    "allowed_addresses",
    "check_url",
    "guarded_transport",
    "split_url",
]


class Deadline:
    """The end of a fetch on the monotonic clock; :meth:`cap` bounds one wait by it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def cap(self, timeout: float | None) -> float:
        """``timeout`` shortened to the time left; ReadTimeout when none is left."""
        left = self.remaining()
        if left <= 0:
            raise httpcore.ReadTimeout(f"the fetch took longer than {self.seconds:g} s in all")
        return left if timeout is None else min(timeout, left)


def split_url(url: str) -> tuple[str, int]:
    """The host and port of an http(s) URL; FetchError for any other scheme or a bad URL."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})") from exc
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    try:
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})") from exc
    host = parts.hostname
    if not host:
        raise FetchError(f"{url}: URL has no host name")
    return host, port or (443 if parts.scheme == "https" else 80)


def allowed_addresses(host: str, port: int, *, allow_private: bool, url: str) -> list[str]:
    """The addresses ``host`` resolves to, all checked: FetchError if any is not public
    (private, loopback, link-local, reserved, multicast) unless ``allow_private``.

    The message shows the refused address only when the URL itself spells it (an IP
    literal): for a host name it would tell a remote user of the web app what the name
    resolves to inside the network.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(f"{url}: cannot resolve host {host!r}") from exc
    # sockaddr[0] is the address string for both AF_INET and AF_INET6 (typeshed: str | int).
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if allow_private:
        return addresses
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            literal = _is_ip_literal(host)
            shown = f" {ip}" if literal else f" (the host name {host!r} resolves to one)"
            raise FetchError(
                f"{url}: refusing to fetch from non-public address{shown} "
                "(private addresses are fetched only when allowed)",
                argument="allow_private",
            )
    return addresses


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise FetchError unless ``url`` is http(s) and resolves only to allowed addresses."""
    host, port = split_url(url)
    allowed_addresses(host, port, allow_private=allow_private, url=url)


class _DeadlineStream(httpcore.NetworkStream):
    """A connected stream whose every wait is capped by the fetch's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._stream, self._deadline = stream, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, timeout=self._deadline.cap(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, timeout=self._deadline.cap(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        # server_hostname is the URL's host name: SNI and the certificate check use the name.
        secured = self._stream.start_tls(
            ssl_context, server_hostname=server_hostname, timeout=self._deadline.cap(timeout)
        )
        return _DeadlineStream(secured, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's sync backend, connecting only to checked addresses (module docstring)."""

    def __init__(self, *, url: str, allow_private: bool, deadline: Deadline) -> None:
        self.url, self.allow_private, self.deadline = url, allow_private, deadline
        self.connected: list[tuple[str, str, int]] = []  # (host, address, port), for tests
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = allowed_addresses(host, port, allow_private=self.allow_private, url=self.url)
        failure: Exception | None = None
        for address in addresses:
            try:
                stream = self._inner.connect_tcp(
                    address,
                    port,
                    timeout=self.deadline.cap(timeout),
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as exc:
                failure = exc
                continue
            self.connected.append((host, address, port))
            return _DeadlineStream(stream, self.deadline)
        raise failure or httpcore.ConnectError(f"no address to connect to for {host!r}")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        raise FetchError(f"{self.url}: fetches go over TCP only")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool that uses :class:`GuardedBackend`.

    httpx builds its pool in ``HTTPTransport.__init__`` with no way to pass a network
    backend, so this transport builds its own pool (no proxy: a proxy would resolve names
    itself, behind the guard's back); request handling is httpx's own.
    """

    def __init__(self, backend: GuardedBackend) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=4,
            retries=0,
            network_backend=backend,
        )


def guarded_transport(
    url: str, *, allow_private: bool, deadline: Deadline
) -> tuple[httpx.BaseTransport, GuardedBackend]:
    """The transport of one fetch of ``url`` (all its redirect hops), and its backend."""
    split_url(url)
    backend = GuardedBackend(url=url, allow_private=allow_private, deadline=deadline)
    return _GuardedTransport(backend), backend
