"""The Python baseline of the landcheck bench: aiohttp fetches with 64
pages in flight (gzip is on by default), then in the same async task
lxml parses the page once and extruct reads JSON-LD, OpenGraph and
microdata from that tree, with the title and h1 beside them. One JSON line
per page goes to a file, as an audit's report would.

Usage: python naive.py URLS_FILE OUT_FILE [CONCURRENCY]
Run by `bash bench/run` in a venv it makes (pip install aiohttp extruct).
"""

import asyncio
import json
import sys

import aiohttp
import extruct
from extruct.utils import parse_html

SYNTAXES = ["json-ld", "opengraph", "microdata"]


def read(url, status, body):
    tree = parse_html(body, encoding="utf-8")
    data = extruct.extract(tree, base_url=url, syntaxes=SYNTAXES, errors="log")
    title = (tree.findtext(".//title") or "").strip()
    h1 = tree.xpath("string(//h1)").strip()
    return {"url": url, "status": status, "title": title, "h1": h1, **data}


async def fetch(session, gate, url):
    async with gate:
        try:
            async with session.get(url) as response:
                body = await response.read()
                record = read(url, response.status, body)
        except Exception as e:  # a failed page is a row, not the end
            record = {"url": url, "error": repr(e)}
    return json.dumps(record, default=str)


async def main():
    urls_file, out_file = sys.argv[1], sys.argv[2]
    concurrency = int(sys.argv[3]) if len(sys.argv) > 3 else 64
    with open(urls_file) as f:
        urls = [line.strip() for line in f if line.strip()]
    gate = asyncio.Semaphore(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        with open(out_file, "w") as out:
            for done in asyncio.as_completed([fetch(session, gate, u) for u in urls]):
                out.write(await done + "\n")


if __name__ == "__main__":
    asyncio.run(main())
