"""One error path for the web app: every error is ``{"ok": false, "error": …, "status": N}``.

Under ``/api/`` (and ``/openapi.json``) errors are that JSON object; elsewhere the same message
is shown on an HTML error page, with the same status code. Library errors map to statuses by
kind: bad input or a bad analyzer name is 400, an input over any size limit is 413 (the form
parser's 1 MiB per field included), a URL that cannot be fetched is 502 (504 when
it timed out), a corpus or model failure is 500; FastAPI's validation errors are 422 with the
first problem spelled out; an analysis that runs past the request timeout is 504. Nothing here
shows a traceback to the client.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from ..errors import (
    AnalyzerError,
    FetchTimeout,
    InputError,
    SlantError,
    TooLarge,
    UpstreamError,
)

__all__ = ["ErrorResponder", "install_error_handlers", "status_of", "wants_json"]

log = logging.getLogger("slant.web")

_REASONS = {
    400: "Bad request",
    401: "Token needed",
    403: "Refused",
    404: "Not found",
    405: "Method not allowed",
    413: "Too large",
    422: "Invalid request",
    429: "Too many requests",
    499: "Client gone",
    500: "Server error",
    502: "Cannot fetch",
    504: "Timed out",
}


def wants_json(path: str) -> bool:
    """True for API paths, whose errors are JSON; pages get an HTML error page."""
    return path.startswith("/api/") or path == "/openapi.json"


def status_of(exc: SlantError) -> int:
    """The HTTP status of a library error."""
    if isinstance(exc, TooLarge):
        return 413
    if isinstance(exc, FetchTimeout):
        return 504
    if isinstance(exc, UpstreamError):
        return 502
    if isinstance(exc, InputError | AnalyzerError):
        return 400
    return 500


def _validation_message(exc: RequestValidationError) -> str:
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        problems.append(f"{where}: {message}" if where else message)
    return "invalid request: " + "; ".join(problems[:3]) if problems else "invalid request"


class ErrorResponder:
    """Builds the JSON error or the HTML error page for a request path."""

    def __init__(self, templates: Jinja2Templates) -> None:
        self.templates = templates

    def response(self, request: Request | None, path: str, status: int, message: str) -> Response:
        payload: dict[str, Any] = {"ok": False, "error": message, "status": status}
        if wants_json(path) or request is None:
            return JSONResponse(payload, status_code=status)
        return self.templates.TemplateResponse(
            request,
            "error.html",
            {"error": payload, "reason": _REASONS.get(status, "Error"), "page": None},
            status_code=status,
        )

    async def for_scope(self, scope: Scope, status: int, message: str) -> Response:
        """Error response for a raw ASGI scope (used by the middlewares)."""
        path = scope.get("path", "")
        if wants_json(path):
            return self.response(None, path, status, message)
        return HTMLResponse(
            self.templates.get_template("error.html").render(
                error={"ok": False, "error": message, "status": status},
                reason=_REASONS.get(status, "Error"),
                page=None,
                login=status == 401,
            ),
            status_code=status,
        )


def install_error_handlers(app: FastAPI, responder: ErrorResponder) -> None:
    """Route every error through ``responder`` (see module docstring)."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else _REASONS.get(exc.status_code, "")
        if exc.status_code == 400 and message.endswith("exceeded maximum size of 1024KB."):
            # The form parser's limit on one field: too large, like every other size limit.
            exc = StarletteHTTPException(413, headers=exc.headers)
            message = (
                "a form field is larger than 1 MiB: paste a shorter text, or upload the "
                "article as a file"
            )
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = f"nothing at {request.url.path}"
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        response = responder.response(request, request.url.path, exc.status_code, message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return responder.response(request, request.url.path, 422, _validation_message(exc))

    @app.exception_handler(SlantError)
    async def slant_error(request: Request, exc: SlantError) -> Response:
        status = status_of(exc)
        if status == 500:
            log.error("%s %s failed: %s", request.method, request.url.path, exc)
        return responder.response(request, request.url.path, status, str(exc))

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return responder.response(
            request, request.url.path, 500, "internal error: the server log has the details"
        )
