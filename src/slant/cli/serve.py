"""``slant serve``: the web app (pages and JSON API) over a corpus, with uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..store import DEFAULT_CORPUS
from .app import app, console, fail_on_errors


@app.command()
def serve(
    corpus: Annotated[
        Path, typer.Option("--corpus", "-c", help="SQLite corpus file (created when missing).")
    ] = Path(DEFAULT_CORPUS),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="SLANT_TOKEN",
            help="Require this bearer token on every request (or set SLANT_TOKEN).",
        ),
    ] = None,
    insecure_no_auth: Annotated[
        bool,
        typer.Option(
            "--insecure-no-auth", help="Listen beyond this machine without a token (unsafe)."
        ),
    ] = False,
    workers: Annotated[
        int | None, typer.Option(help="Analyses run at once (default: CPUs, at most 4).")
    ] = None,
    timeout: Annotated[
        float, typer.Option(help="Seconds a request may take before it gets 504.")
    ] = 120.0,
    max_upload_mb: Annotated[
        float, typer.Option(help="Largest request body, in MiB (1 MiB = 1,048,576 bytes).")
    ] = 20.0,
    analyzers: Annotated[
        str | None,
        typer.Option("--analyzers", "-a", help="Comma-separated analyzers to run (default: all)."),
    ] = None,
    allow_private: Annotated[
        bool, typer.Option(help="Allow fetching URLs on private, loopback or link-local addresses.")
    ] = False,
) -> None:
    """Serve the web app: analyze, browse and compare in a browser, and a JSON API.

    Pages: Analyze (/), Corpus (/corpus), Compare (/compare), API docs (/api). It binds to
    127.0.0.1; another address needs --token (clients send `Authorization: Bearer TOKEN`;
    browsers sign in at /login) unless --insecure-no-auth is given.

    Examples:

        slant demo && slant serve

        SLANT_TOKEN=s3cret slant serve --corpus news.db --host 0.0.0.0 --port 8080
    """
    import uvicorn

    from ..web import create_app
    from ..web.security import check_exposure, is_loopback

    with fail_on_errors():
        check_exposure(host, token=token, insecure_no_auth=insecure_no_auth)
        web_app = create_app(
            corpus,
            token=token,
            workers=workers,
            request_timeout=timeout,
            max_upload_bytes=int(max_upload_mb * 1024 * 1024),
            allow_private_urls=allow_private,
            analyzers=[n.strip() for n in analyzers.split(",") if n.strip()] if analyzers else None,
            # On loopback only loopback names (DNS rebinding); beyond it the token guards.
            allowed_hosts=None if is_loopback(host) else ["*"],
        )
    shown = f"[{host}]" if ":" in host else host
    console.print(
        f"slant serves {corpus} at http://{shown}:{port}/ (Ctrl-C stops it)", markup=False
    )
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
