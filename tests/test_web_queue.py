"""The web app's work queue (issue 13, item 6): bounded with 429 + Retry-After, a fair share
per client, heavy work kept off one worker, queued work dropped when its client goes away.

Before: the pool's queue was unbounded and first-come first-served, and work whose client had
disconnected still ran, so three clients posting 200,000-character texts and leaving made the
next one-sentence analysis wait 120 s (504). Timing is never asserted: each case blocks the
workers with events and checks what ran, in which order, and what was refused.
"""

from __future__ import annotations

import asyncio
import threading
from types import SimpleNamespace

import pytest
from fastapi import HTTPException

from slant.web.work import WorkerPool


class FakeRequest:
    """What the pool reads from a request: its client, its session, whether it is gone."""

    def __init__(self, client: str) -> None:
        self.scope = {"slant.session": client}
        self.client = SimpleNamespace(host="127.0.0.1")
        self.gone = asyncio.Event()

    async def is_disconnected(self) -> bool:
        return self.gone.is_set()


def blocker(release: threading.Event, started: threading.Event | None = None):
    def call() -> str:
        if started:
            started.set()
        release.wait(10)
        return "blocked"

    return call


def recorder(ran: list[str], name: str):
    def call() -> str:
        ran.append(name)
        return name

    return call


async def _settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0.01)


def test_full_queue_is_429_with_retry_after() -> None:
    async def scenario() -> None:
        pool = WorkerPool(workers=1, timeout=10, max_queue=2, per_client=10)
        release, started = threading.Event(), threading.Event()
        running = asyncio.ensure_future(pool.run(blocker(release, started)))
        await asyncio.to_thread(started.wait, 5)
        queued = [asyncio.ensure_future(pool.run(recorder([], f"q{n}"))) for n in range(2)]
        await _settle()
        with pytest.raises(HTTPException) as refused:
            await pool.run(recorder([], "one too many"))
        assert refused.value.status_code == 429
        assert int(refused.value.headers["Retry-After"]) >= 1
        assert "queue is full (2 waiting)" in refused.value.detail
        release.set()
        assert await running == "blocked"
        assert [await q for q in queued] == ["q0", "q1"]
        pool.shutdown()

    asyncio.run(scenario())


def test_one_client_cannot_take_the_whole_queue() -> None:
    async def scenario() -> None:
        pool = WorkerPool(workers=1, timeout=10, max_queue=20, per_client=2)
        release, started = threading.Event(), threading.Event()
        running = asyncio.ensure_future(pool.run(blocker(release, started)))
        await asyncio.to_thread(started.wait, 5)
        greedy, other = FakeRequest("greedy"), FakeRequest("other")
        mine = [asyncio.ensure_future(pool.run(recorder([], "g"), request=greedy)) for _ in "ab"]
        await _settle()
        with pytest.raises(HTTPException) as refused:
            await pool.run(recorder([], "g"), request=greedy)
        assert refused.value.status_code == 429 and "you have 2 requests waiting" in (
            refused.value.detail
        )
        theirs = asyncio.ensure_future(pool.run(recorder([], "o"), request=other))
        release.set()
        await running
        assert [await m for m in mine] == ["g", "g"] and await theirs == "o"
        pool.shutdown()

    asyncio.run(scenario())


def test_clients_take_turns() -> None:
    async def scenario() -> None:
        pool = WorkerPool(workers=1, timeout=10, max_queue=20, per_client=10)
        release, started = threading.Event(), threading.Event()
        running = asyncio.ensure_future(pool.run(blocker(release, started)))
        await asyncio.to_thread(started.wait, 5)
        ran: list[str] = []
        burst, late = FakeRequest("burst"), FakeRequest("late")
        calls = [pool.run(recorder(ran, f"burst{n}"), request=burst) for n in range(3)]
        futures = [asyncio.ensure_future(c) for c in calls]
        await _settle()
        futures.append(asyncio.ensure_future(pool.run(recorder(ran, "late"), request=late)))
        await _settle()
        release.set()
        await running
        await asyncio.gather(*futures)
        assert ran == ["burst0", "late", "burst1", "burst2"]  # not behind the whole burst
        pool.shutdown()

    asyncio.run(scenario())


def test_heavy_work_leaves_a_worker_for_short_texts() -> None:
    async def scenario() -> None:
        pool = WorkerPool(workers=2, timeout=10, max_queue=20, per_client=10)
        release, started = threading.Event(), threading.Event()
        heavy = [
            asyncio.ensure_future(pool.run(blocker(release, started), heavy=True)) for _ in range(3)
        ]
        await asyncio.to_thread(started.wait, 5)
        await _settle()
        ran: list[str] = []
        # Both workers would be busy with long texts; the short one still gets a worker.
        assert await asyncio.wait_for(pool.run(recorder(ran, "short")), 5) == "short"
        release.set()
        assert [await h for h in heavy] == ["blocked"] * 3
        pool.shutdown()

    asyncio.run(scenario())


def test_queued_work_of_a_client_that_left_never_runs() -> None:
    async def scenario() -> None:
        pool = WorkerPool(workers=1, timeout=10, max_queue=20, per_client=10)
        release, started = threading.Event(), threading.Event()
        running = asyncio.ensure_future(pool.run(blocker(release, started)))
        await asyncio.to_thread(started.wait, 5)
        ran: list[str] = []
        leaver = FakeRequest("leaver")
        abandoned = asyncio.ensure_future(pool.run(recorder(ran, "abandoned"), request=leaver))
        await _settle()
        leaver.gone.set()
        with pytest.raises(HTTPException) as gone:
            await abandoned
        assert gone.value.status_code == 499
        stays = asyncio.ensure_future(pool.run(recorder(ran, "stays")))
        release.set()
        await running
        assert await stays == "stays" and ran == ["stays"]
        pool.shutdown()

    asyncio.run(scenario())


def test_timed_out_work_is_dropped_from_the_queue() -> None:
    async def scenario() -> None:
        pool = WorkerPool(workers=1, timeout=0.3, max_queue=20, per_client=10)
        release, started = threading.Event(), threading.Event()
        running = asyncio.ensure_future(pool.run(blocker(release, started)))
        await asyncio.to_thread(started.wait, 5)
        ran: list[str] = []
        with pytest.raises(HTTPException) as late:
            await pool.run(recorder(ran, "too late"))
        assert late.value.status_code == 504
        release.set()
        with pytest.raises(HTTPException):
            await running  # it also ran past the timeout
        await asyncio.sleep(0.1)
        assert ran == []
        pool.shutdown()

    asyncio.run(scenario())
