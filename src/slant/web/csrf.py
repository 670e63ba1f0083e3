"""Cross-site request forgery and DNS-rebinding defences, in every mode (token or not).

A page on another site — or on another port of this machine, which is the same *site* for
the browser — can make the user's browser send requests to the slant server. Three checks,
in one ASGI middleware (:class:`RequestGuard`), stop that:

1. **Host allow-list** (every request): the ``Host`` header must name this server. A server
   bound to a loopback address answers only to ``localhost``, ``127.0.0.0/8`` and ``::1``, so
   a DNS-rebinding page (``evil.example`` re-pointed at 127.0.0.1) gets 403 and can read
   nothing. A server bound to a public address accepts the names it is given (all by
   default: its token then guards it, and a rebound page cannot present the token).
2. **Same origin** (state-changing methods: everything but GET, HEAD, OPTIONS): when the
   browser says where the request comes from (``Origin``, or ``Sec-Fetch-Site``), it must be
   this server's own origin.
3. **Proof of a first-party request** (state-changing methods), any one of:

   - the per-session token: each browser gets a random ``slant_session`` cookie (HttpOnly,
     SameSite=Strict) and the pages embed ``HMAC-SHA256(server secret, session)`` in the
     action of their forms (``?csrf=…``) or send it as ``X-Slant-CSRF``. Another origin can
     neither read the pages nor compute the token — it may plant its own session cookie (a
     port is no cookie boundary), but not the server's secret; this is the "HMAC-based
     token" pattern of the OWASP CSRF Prevention Cheat Sheet;
   - a custom ``X-Slant-Client`` header (any value), for scripts and API clients: a page on
     another origin cannot add a custom header without a CORS preflight, and this server
     grants none (the "custom request header" pattern of the same sheet);
   - an ``Authorization`` header, which browsers never add on their own.

A refused request gets 403 in the app's one error shape, with a message saying which check
failed and what to send instead.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qs

from .security import ASGIApp, ErrorResponder, Message, Receive, Scope, Send, is_loopback

__all__ = [
    "CLIENT_HEADER",
    "CSRF_HEADER",
    "CSRF_PARAM",
    "SESSION_COOKIE",
    "RequestGuard",
    "csrf_token",
    "host_allowed",
    "session_of",
]

SESSION_COOKIE = "slant_session"
CSRF_PARAM = "csrf"
CSRF_HEADER = "x-slant-csrf"
CLIENT_HEADER = "x-slant-client"
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
_SCOPE_KEY = "slant.session"


def _headers(scope: Scope) -> dict[bytes, str]:
    return {key.lower(): value.decode("latin-1") for key, value in scope.get("headers", [])}


def _hostname(host: str) -> str:
    """The name part of a ``Host`` header (``[::1]:8000`` → ``::1``), lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    name, _, port = host.rpartition(":")
    return name if name and port.isdigit() else host


def host_allowed(host: str, allowed: frozenset[str] | None) -> bool:
    """Whether a ``Host`` header names this server: ``allowed`` None means loopback names
    only; a set holds the names accepted (``*`` accepts any).

    >>> host_allowed("127.0.0.1:8000", None), host_allowed("evil.example:8000", None)
    (True, False)
    """
    name = _hostname(host)
    if allowed is None:
        return is_loopback(name)
    return "*" in allowed or name in allowed


def _session(headers: dict[bytes, str]) -> str | None:
    """The session id of the request's cookie (None when absent or the header is malformed)."""
    cookie = SimpleCookie()
    try:
        cookie.load(headers.get(b"cookie", ""))
    except CookieError:
        return None
    return cookie[SESSION_COOKIE].value if SESSION_COOKIE in cookie else None


def csrf_token(secret: bytes, session: str) -> str:
    """The CSRF token of a session: HMAC-SHA256 of the session id under the server secret."""
    return hmac.new(secret, session.encode(), hashlib.sha256).hexdigest()[:40]


def session_of(scope: Scope) -> str | None:
    """The session id the guard gave this request (None outside the guard)."""
    return scope.get(_SCOPE_KEY)


class RequestGuard:
    """The three checks of the module docstring, and the session cookie."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        secret: bytes,
        respond: ErrorResponder,
        allowed_hosts: Iterable[str] | None = None,
    ) -> None:
        self.app, self.secret, self.respond = app, secret, respond
        self.allowed = (
            frozenset(h.lower() for h in allowed_hosts) if allowed_hosts is not None else None
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        problem = self.problem(scope, headers)
        if problem:
            response = await self.respond(scope, 403, problem)
            await response(scope, receive, send)
            return
        session = _session(headers)
        fresh = not session or len(session) > 64
        if fresh:
            session = secrets.token_urlsafe(24)
        scope[_SCOPE_KEY] = session

        async def send_with_cookie(message: Message) -> None:
            if fresh and message["type"] == "http.response.start":
                value = f"{SESSION_COOKIE}={session}; Path=/; HttpOnly; SameSite=Strict"
                message["headers"] = [*message.get("headers", []), (b"set-cookie", value.encode())]
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def problem(self, scope: Scope, headers: dict[bytes, str]) -> str | None:
        """Why the request is refused, or None."""
        host = headers.get(b"host", "")
        if not host_allowed(host, self.allowed):
            return (
                f"this slant server does not answer to the host name {_hostname(host)!r}: "
                "open it by its own address (e.g. http://127.0.0.1:8000/)"
            )
        if scope.get("method", "GET") in _SAFE_METHODS:
            return None
        origin = headers.get(b"origin")
        own = f"{scope.get('scheme', 'http')}://{host.lower()}"
        if origin is not None and origin.lower() != own:
            return f"refused a request sent from another site ({origin}) to {own}"
        if headers.get(b"sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return f"refused a request sent from another site to {own}"
        if headers.get(CLIENT_HEADER.encode()) or headers.get(b"authorization"):
            return None
        given = headers.get(CSRF_HEADER.encode())
        if given is None:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            given = (query.get(CSRF_PARAM) or [None])[0]
        session = _session(headers)
        if given and session and hmac.compare_digest(given, csrf_token(self.secret, session)):
            return None
        return (
            "refused a state-changing request without proof that it comes from this app: "
            "reload the page and submit again, or (for scripts) send the header "
            "'X-Slant-Client: NAME'"
        )
