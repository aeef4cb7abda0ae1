"""End to end in a real headless Chromium: `streamlit run app.py`, ask a question, see the answer."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOT = ARTIFACTS / "browser-answer.png"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
STARTUP_SECONDS, ANSWER_SECONDS = 90, 120


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    """Poll Streamlit's health endpoint; fail with the server log if it exits or never answers."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"streamlit did not answer within {STARTUP_SECONDS} s:\n{log.read_text()}")


@pytest.fixture()
def server(store_copy, tmp_path):
    """The app on a copy of the founding-dispatch store, on a free port; always terminated."""
    port = _free_port()
    log = tmp_path / "streamlit.log"
    env = os.environ | {"CHIDAO_STORE": str(store_copy), "HF_HUB_OFFLINE": "1"}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    command += ["--server.headless", "true", "--server.fileWatcherType", "none"]
    with log.open("w") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture()
def browser(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1280,1000",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.mark.slow
def test_question_typed_in_the_browser_gets_the_signer_as_answer(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server)
    box = WebDriverWait(browser, STARTUP_SECONDS).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, 'input[aria-label="Câu hỏi"]'))
    )
    box.send_keys("Ai ký công văn này?", Keys.ENTER)
    main = (By.CSS_SELECTOR, '[data-testid="stMain"]')
    # The copy-ready citation is the last thing a citation card draws, so wait for it.
    WebDriverWait(browser, ANSWER_SECONDS).until(
        ec.text_to_be_present_in_element(main, "người ký: Đặng Ngọc Huy")
    )
    text = browser.find_element(*main).text
    assert "Người ký: Đặng Ngọc Huy" in text
    assert "Căn cứ trả lời" in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = browser.execute_script('return document.querySelector("[data-testid=stMain]").scrollHeight')
    browser.set_window_size(1280, min(max(1000, height + 100), 4000))
    browser.save_screenshot(str(SCREENSHOT))
    print(f"screenshot: {SCREENSHOT}")
