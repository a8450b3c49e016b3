"""A page's terminal as a bare websocket client, for tests of the server's processes rather than of the page:
what it shows (read with pyte), and the keys it sends, as textual-serve's own page would send them."""

from __future__ import annotations

import asyncio
import json

import aiohttp

from tests.functional.shown import Shown

SIZE = (120, 40)


class Tab(Shown):
    """One page's terminal: what it shows, and the keys typed into it."""

    def __init__(self, websocket_url: str, origin: str) -> None:
        super().__init__(*SIZE)
        self.url, self.origin = websocket_url, origin

    async def open(self, session: aiohttp.ClientSession) -> Tab:
        url = f"{self.url}?width={SIZE[0]}&height={SIZE[1]}"
        self.websocket = await session.ws_connect(url, headers={"Origin": self.origin})
        self.task = asyncio.create_task(self._read())
        await self.shows("RMSE")
        return self

    async def _read(self) -> None:
        async for message in self.websocket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.feed(message.data)

    async def type(self, keys: str) -> None:
        await self.websocket.send_str(json.dumps(["stdin", keys]))

    async def close(self) -> None:
        await self.websocket.close()
        self.task.cancel()
