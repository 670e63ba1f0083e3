"""Fetching one article from a URL, safely.

Only ``http``/``https``; every address the host name resolves to must be public (private,
loopback, link-local, reserved and multicast addresses are refused unless
``allow_private=True``), checked again at every redirect; connect/read timeouts; the body is
streamed and refused past :data:`~slant.ingest.files.MAX_INPUT_BYTES`. HTML goes through
trafilatura; ``text/plain`` is taken as is.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

from ..document import Document
from ..errors import FetchError, FetchTimeout, UpstreamError
from .files import MAX_INPUT_BYTES, decode, describe_size
from .html import html_to_document
from .text import title_from_first_line

__all__ = ["check_url", "fetch_document"]

_MAX_REDIRECTS = 5
_USER_AGENT = "slant/0.1 (+news analysis; offline-first)"


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise FetchError unless ``url`` is http(s) and resolves only to allowed addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    host = parts.hostname
    if not host:
        raise FetchError(f"{url}: URL has no host name")
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{url}: cannot resolve host {host!r}: {exc}") from exc
    if allow_private:
        return
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"{url}: refusing to fetch from non-public address {address} "
                "(use --allow-private to allow it)"
            )


def fetch_document(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 15.0,
    max_bytes: int = MAX_INPUT_BYTES,
    source: str | None = None,
) -> Document:
    """Fetch ``url`` and return its article as a Document."""
    import httpx

    current = url
    try:
        with httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,
            headers={"User-Agent": _USER_AGENT},
        ) as client:
            for _ in range(_MAX_REDIRECTS + 1):
                check_url(current, allow_private=allow_private)
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        current = urljoin(current, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 400:
                        raise UpstreamError(f"{url}: server answered HTTP {response.status_code}")
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > max_bytes:
                            limit = describe_size(max_bytes)
                            raise UpstreamError(f"{url}: page is larger than the limit of {limit}")
                    kind = response.headers.get("content-type", "").split(";")[0].strip()
                    break
            else:
                raise UpstreamError(f"{url}: more than {_MAX_REDIRECTS} redirects")
    except httpx.TimeoutException as exc:
        raise FetchTimeout(f"{url}: timed out after {timeout:g} s") from exc
    except httpx.HTTPError as exc:
        raise UpstreamError(f"{url}: cannot fetch: {exc}") from exc
    text, warnings = decode(bytes(body), url)
    if kind == "text/plain":
        return Document(
            text=text,
            title=title_from_first_line(text),
            url=current,
            source=source,
            warnings=warnings,
        )
    return html_to_document(text, name=url, url=current, source=source, warnings=warnings)
