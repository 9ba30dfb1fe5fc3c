"""The viewer in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

Each page is opened on a small corpus served by uvicorn; the test checks that highlights,
quotes with speakers, events, the chart and the map are drawn, that a correction made with
the "mark wrong" button round-trips, and that the script injected in an article never runs.
Screenshots go to ``bench/out/screenshots/``.

Without chromium these tests fail under CI (``CI`` set: ``make test`` installs it) and are
skipped elsewhere, with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline.pipeline import Pipeline
from dateline.server import create_app
from tests._server_corpus import build_corpus

REPO = Path(__file__).resolve().parent.parent
SHOTS = REPO / "bench" / "out" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _need_chromium() -> str:
    if CHROMIUM:
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed (make test installs it with apt-get)")
    pytest.skip("chromium is not installed (not CI: skipped; apt-get install chromium)")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[str]:
    import uvicorn

    db = build_corpus(tmp_path_factory.mktemp("browser") / "c.duckdb", pipeline)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Any]:
    executable = _need_chromium()
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        dialogs: list[str] = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.dialogs = dialogs
        yield tab
        browser.close()


def article_url(page: Any, base_url: str, text: str) -> str:
    page.goto(f"{base_url}/search?q={text}")
    href = page.locator("#found-articles a").first.get_attribute("href")
    assert href and href.startswith("/articles/")
    return f"{base_url}{href}"


def test_overview_draws_chart_map_pairs_and_speakers(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.locator("svg.chart rect.bar").count() >= 3
    # the time axis is to scale: bars stand as far apart as their days (gaps stay gaps)
    assert page.locator("svg.chart").get_attribute("data-unit") == "day"
    where: dict[int, float] = {}
    for bar in page.locator("svg.chart rect.bar").all():
        day = int((bar.get_attribute("data-slot") or "")[-2:])
        box = bar.bounding_box()
        assert box
        where[day] = box["x"] + box["width"] / 2
    days = sorted(where)
    assert len(days) >= 2 and days[-1] - days[0] > len(days) - 1  # the corpus has a gap
    per_day = (where[days[-1]] - where[days[0]]) / (days[-1] - days[0])
    for day in days:
        assert where[day] - where[days[0]] == pytest.approx((day - days[0]) * per_day, abs=1.5)
    assert page.locator("svg.map path.land").count() == 1
    assert page.locator("svg.map circle.place").count() >= 1
    box = page.locator("svg.map").bounding_box()
    assert box and box["width"] > 500
    assert page.locator("#speakers td a").count() >= 1
    page.screenshot(path=str(SHOTS / "overview.png"), full_page=True)


def test_article_shows_highlights_quotes_events_and_a_correction_round_trips(
    page: Any, base_url: str
) -> None:
    page.goto(article_url(page, base_url, "Friday"))
    assert page.locator(".text .ent-GPE").count() >= 2
    assert page.locator(".text .ent-PERSON").count() >= 1
    titles = [e.get_attribute("title") or "" for e in page.locator(".text .ent-GPE").all()]
    assert any(t.startswith("Geneva (GPE)") for t in titles)
    assert page.locator(".text .speaker").first.inner_text() == "Annalena Baerbock:"
    assert page.locator(".text .quote").count() >= 1
    assert page.locator(".events .event").count() >= 2
    page.screenshot(path=str(SHOTS / "article.png"), full_page=True)
    from playwright.sync_api import expect

    button = page.locator(".event button.mark").first
    record = button.get_attribute("data-record")
    button.click()
    expect(page.locator(f"#event-{record} button.mark")).to_have_text(re.compile("^marked"))
    exported = page.request.get(base_url + "/api/corrections").json()
    assert any(c["record_id"] == record and c["kind"] == "event" for c in exported)
    page.reload()
    assert page.locator(f"#event-{record}.marked").count() == 1


def test_an_injected_script_does_not_run(page: Any, base_url: str) -> None:
    url = article_url(page, base_url, "storm")
    page.goto(url)
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main script, main img").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert "<script>window.__pwned = 1</script>" in page.locator(".article").inner_text()
    assert "<script>" in page.locator("h1").inner_text()
    for link in page.locator(".article a").all():
        link.click()  # nothing to follow: no link was drawn from the text
    page.goto(f"{base_url}/search?q=script")
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    page.screenshot(path=str(SHOTS / "hostile.png"), full_page=True)


@pytest.mark.parametrize("which", ["actor", "group", "search"])
def test_other_pages_render(page: Any, base_url: str, which: str) -> None:
    if which == "actor":
        page.goto(base_url + "/actors/Annalena Baerbock")
        assert page.locator("#said td").count() >= 1
    elif which == "group":
        page.goto(article_url(page, base_url, "Friday"))
        groups = page.request.get(base_url + "/api/groups").json()["items"]
        page.goto(f"{base_url}/groups/{groups[0]['group_id']}")
        assert page.locator(".mention .evidence").count() >= 1
    else:
        page.goto(base_url + "/search?q=Geneva")
        assert page.locator("#found-events td").count() >= 1
    page.screenshot(path=str(SHOTS / f"{which}.png"), full_page=True)
