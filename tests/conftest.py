"""Shared fixtures: the GiNZA model (loaded once per session), the gazetteer, stores, seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def nlp():
    """The real GiNZA pipeline, loaded once for the whole test session."""
    from kg.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def gazetteer():
    """The packaged gazetteer."""
    from kg.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    """The directory of seed articles shipped with the repository."""
    return SEEDS


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """``tests/data``: files the tests read."""
    return DATA


@pytest.fixture
def store(tmp_path):
    """A fresh, empty on-disk store in a temporary directory."""
    from kg.store import KGStore

    s = KGStore(tmp_path / "store")
    yield s
    s.close()


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Headless Debian Chromium through selenium, logging console and network (CDP) events."""
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not binary or not driver_path:
        pytest.fail("the browser tests need Debian's chromium and chromium-driver packages")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1400,900",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    driver.get("about:blank")  # let the start page's own chrome:// requests pass first
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def sparql_server(tmp_path_factory):
    """A real ``oxigraph serve`` (from the ``oxigraph`` package) on a free loopback port.

    Yields the server's base URL; the server and its data directory live for the session.
    """
    import shutil
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.fail("the remote-store tests need the `oxigraph` server (pip install oxigraph)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=2).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"oxigraph serve did not start: {process.stderr.read()[:500]!r}")
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def seeds_store(nlp, seed_dir, data_dir, tmp_path_factory):
    """The seeds plus an article with a year-precision background event, built once, read-only."""
    from kg.pipeline import build
    from kg.store import KGStore

    path = tmp_path_factory.mktemp("seeds") / "store"
    with KGStore(path) as store:
        assert build([seed_dir, data_dir / "articles" / "crimea_background.txt"], store,
                     nlp=nlp).ok
    store = KGStore(path, read_only=True)
    yield store
    store.close()
