"""Built-once dependencies: the first build takes a worker thread, later requests none."""

import asyncio
import threading
from functools import cache
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI

from docrelay_gateway.loop_dependencies import on_the_loop

built_in: list[int] = []
served_in: list[int] = []


@cache
def expensive_client() -> str:
    built_in.append(threading.get_ident())
    return "client"


def test_a_cached_dependency_is_built_in_a_thread_once_then_served_on_the_loop() -> None:
    app = FastAPI()

    @app.get("/")
    async def read(client: Annotated[str, Depends(on_the_loop(expensive_client))]) -> str:
        served_in.append(threading.get_ident())
        return client

    async def three_requests() -> list[str]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            return [(await client.get("/")).json() for _ in range(3)]

    assert asyncio.run(three_requests()) == ["client"] * 3
    loop_thread = served_in[0]
    assert len(built_in) == 1 and built_in[0] != loop_thread, "built once, off the event loop"
    assert expensive_client.cache_info().hits == 2, "the later requests were served the built object"
