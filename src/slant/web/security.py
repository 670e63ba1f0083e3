"""The web app's guard rails: bearer-token auth, request size limit, security headers.

Three small ASGI middlewares, written against the raw ASGI interface so they also cover
streamed bodies and error responses:

- :class:`TokenAuth`: when the app has a token, every request but ``/login`` and ``/static``
  must carry ``Authorization: Bearer <token>`` or the ``slant_token`` cookie that ``/login``
  sets (HttpOnly, SameSite=Strict, so another site cannot ride on it). Tokens are compared in
  constant time (:func:`hmac.compare_digest`).
- :class:`BodyLimit`: a request whose ``Content-Length`` exceeds the limit is refused with 413
  before it is read; a body sent without a length is counted as it streams in and stopped at
  the limit (:class:`PayloadTooLarge`).
- :class:`SecurityHeaders`: a Content-Security-Policy that allows scripts, style sheets, images
  and fonts from the app itself only (no inline script, no ``eval``, no plug-ins, no framing;
  ``style`` attributes are allowed, for the bar widths of reports), plus ``nosniff``,
  ``same-origin`` referrers (nothing is sent to other sites; the app's own form posts carry
  their real ``Origin``, which :mod:`.csrf` checks — ``no-referrer`` would make it ``null``)
  and ``DENY`` framing.

:func:`check_exposure` is the rule ``slant serve`` applies before binding: a non-loopback
address needs a token unless the user explicitly opts out. This is not a user system: one
shared token, no accounts, no rate limiting.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

from fastapi import HTTPException

from ..errors import InputError
from ..ingest.files import describe_size

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "REPORT_POLICY",
    "TOKEN_COOKIE",
    "BodyLimit",
    "PayloadTooLarge",
    "SecurityHeaders",
    "TokenAuth",
    "check_exposure",
    "is_loopback",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
ErrorResponder = Callable[[Scope, int, str], Awaitable[Any]]

TOKEN_COOKIE = "slant_token"
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
#: The compare report page (:func:`slant.report.compare_html.render_comparison`: a standalone
#: page with inline CSS and no script), served as is and shown in a frame of the compare page:
#: its own CSS and nothing else, framed by this app only.
REPORT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'self'"
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
_OPEN_PATH = "/login"
_OPEN_PREFIX = "/static/"


class PayloadTooLarge(HTTPException):
    """The request body is larger than the app accepts (HTTP 413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            status_code=413,
            detail=f"request body is larger than the limit of {limit:,} bytes "
            f"({describe_size(limit)}): "
            "send a smaller file or text",
        )


def is_loopback(host: str) -> bool:
    """True when ``host`` names this machine only (``localhost``, 127.0.0.0/8, ``::1``)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, *, token: str | None, insecure_no_auth: bool) -> None:
    """Raise InputError when serving on ``host`` would expose the app without a token."""
    if is_loopback(host) or token or insecure_no_auth:
        return
    raise InputError(
        f"--host {host} listens beyond this machine: give --token TOKEN (clients then send "
        "'Authorization: Bearer TOKEN'), or --insecure-no-auth to serve without one"
    )


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def presented_token(scope: Scope) -> str | None:
    """The token a request carries: a bearer Authorization header, else the cookie."""
    authorization = _header(scope, b"authorization") or ""
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    cookie = SimpleCookie(_header(scope, b"cookie") or "")
    return cookie[TOKEN_COOKIE].value if TOKEN_COOKIE in cookie else None


def token_matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison of a presented token with the expected one."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


class TokenAuth:
    """Refuse requests without the app's token (see module docstring)."""

    def __init__(self, app: ASGIApp, *, token: str | None, respond: ErrorResponder) -> None:
        self.app, self.token, self.respond = app, token, respond

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.token is None:
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        is_open = path == _OPEN_PATH or path.startswith(_OPEN_PREFIX)
        if is_open or token_matches(presented_token(scope), self.token):
            await self.app(scope, receive, send)
            return
        response = await self.respond(
            scope,
            401,
            "this slant server needs a token: send 'Authorization: Bearer TOKEN' "
            "or sign in at /login",
        )
        response.headers["www-authenticate"] = "Bearer"
        await response(scope, receive, send)


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413 (see module docstring)."""

    def __init__(self, app: ASGIApp, *, limit: int, respond: ErrorResponder) -> None:
        self.app, self.limit, self.respond = app, limit, respond

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared and declared.isdigit() and int(declared) > self.limit:
            response = await self.respond(scope, 413, PayloadTooLarge(self.limit).detail)
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise PayloadTooLarge(self.limit)
            return message

        await self.app(scope, counting_receive, send)


class SecurityHeaders:
    """Add the Content-Security-Policy and related headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {key.lower() for key, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in _SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
