"""Fetching one article from a URL, safely.

Only ``http``/``https``; every address the host name resolves to must be public (private,
loopback, link-local, reserved and multicast addresses are refused unless
``allow_private=True``), checked at every connection — the first and every redirect hop — on
the very address then connected to (:mod:`.netguard`, against DNS rebinding); connect/read
timeouts and one deadline for the whole fetch; the body is streamed and refused past
:data:`~slant.ingest.files.MAX_INPUT_BYTES`. HTML goes through trafilatura; ``text/plain``
is taken as is.
"""

from __future__ import annotations

from urllib.parse import urljoin

from ..document import Document
from ..errors import FetchError, FetchTimeout, UpstreamError
from .files import MAX_INPUT_BYTES, decode, describe_size
from .html import html_to_document
from .netguard import Deadline, check_url, guarded_transport, split_url
from .text import title_from_first_line

__all__ = ["check_url", "fetch_document"]

_MAX_REDIRECTS = 5
_USER_AGENT = "slant/0.1 (+news analysis; offline-first)"


def fetch_document(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 15.0,
    deadline: float = 30.0,
    max_bytes: int = MAX_INPUT_BYTES,
    source: str | None = None,
) -> Document:
    """Fetch ``url`` and return its article as a Document.

    ``timeout`` bounds each connect and read; ``deadline`` the whole fetch, redirects and
    body included (a server trickling bytes is cut off when it passes).
    """
    import httpx

    split_url(url)
    limit = Deadline(deadline)
    transport, _ = guarded_transport(url, allow_private=allow_private, deadline=limit)
    current = url
    try:
        with httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": _USER_AGENT},
        ) as client:
            for _ in range(_MAX_REDIRECTS + 1):
                split_url(current)
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
                            size = describe_size(max_bytes)
                            raise UpstreamError(f"{url}: page is larger than the limit of {size}")
                    kind = response.headers.get("content-type", "").split(";")[0].strip()
                    declared = response.charset_encoding
                    break
            else:
                raise UpstreamError(f"{url}: more than {_MAX_REDIRECTS} redirects")
    except httpx.TimeoutException as exc:
        if limit.remaining() <= 0:
            raise FetchTimeout(f"{url}: took longer than {deadline:g} s in all") from exc
        raise FetchTimeout(f"{url}: timed out after {timeout:g} s") from exc
    except httpx.InvalidURL as exc:
        raise FetchError(f"{current}: not a valid URL ({exc})") from exc
    except httpx.HTTPError as exc:
        raise UpstreamError(f"{url}: cannot fetch: {exc}") from exc
    text, warnings = decode(bytes(body), url, declared=declared)
    if kind == "text/plain":
        return Document(
            text=text,
            title=title_from_first_line(text),
            url=current,
            source=source,
            warnings=warnings,
        )
    return html_to_document(text, name=url, url=current, source=source, warnings=warnings)
