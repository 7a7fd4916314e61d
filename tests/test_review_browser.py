"""hr/review.html in a real headless browser: it renders, the highlights are there, nothing is fetched.

Chromium comes from Debian's packages (.ci/apt-packages-hr.txt, installed by .ci/run); without
it these tests are skipped, saying so.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from blindrec.cli import cli
from tests.test_hr_support import write_output

BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome", "chrome")
                if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium binary found (CI installs Debian's "
                                                        "chromium package from .ci/apt-packages-hr.txt)")


def headless(url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run headless Chromium on a URL, cut off from every network, with a fresh profile."""
    command = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--no-first-run", "--no-default-browser-check", f"--user-data-dir={profile}",
               "--host-resolver-rules=MAP * ~NOTFOUND", *extra, url]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def page_requests(netlog: Path) -> list[str]:
    """URLs the page itself asked for (not the browser's own housekeeping), from a net log."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [event["params"]["url"] for event in log["events"]
            if event["type"] == start_job and "url" in event.get("params", {})
            and "file://" in str(event["params"].get("network_isolation_key", ""))]


@pytest.fixture(scope="module")
def review_page(tmp_path_factory) -> Path:
    """hr/review.html of a finished output folder, with one original beside its pack."""
    root = tmp_path_factory.mktemp("browser")
    out = write_output(root / "out")
    sources = root / "applications"
    sources.mkdir()
    document = docx.Document()
    document.add_paragraph("Zebedee Quartermaine, zebedee.q@example.com, 07700 900111")
    document.save(str(sources / "CV - Zebedee Quartermaine.docx"))
    result = CliRunner().invoke(cli, ["review", str(out), "--with-originals", str(sources)])
    assert result.exit_code == 0, result.output
    return out / "hr" / "review.html"


@pytest.fixture(scope="module")
def rendered(review_page, tmp_path_factory) -> tuple[str, list[str]]:
    """The DOM Chromium built from the page, and the requests the page made while loading."""
    root = tmp_path_factory.mktemp("chromium")
    netlog = root / "netlog.json"
    run = headless(review_page.as_uri(), root / "profile", f"--log-net-log={netlog}", "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout, page_requests(netlog)


def test_the_page_renders_every_candidate(rendered):
    dom, _ = rendered
    assert '<section class="candidate" id="C-AAAA">' in dom and '<section class="candidate" id="C-BBBB">' in dom


def test_the_rendered_page_highlights_every_redaction_by_type(rendered):
    dom, _ = rendered
    kinds = re.findall(r'<mark class="redaction" data-type="(\w+)"[^>]*>\[[A-Z][A-Z ]+(?: \d+)?\]</mark>', dom)
    assert len(kinds) == 12
    assert {"CANDIDATE", "EMAIL_ADDRESS", "PHONE_NUMBER", "STREET_ADDRESS", "UK_POSTCODE", "PERSON",
            "REFEREE"} <= set(kinds)


def test_the_rendered_page_marks_unsure_words_and_found_identifiers(rendered):
    dom, _ = rendered
    assert re.search(r'<mark class="unsure"[^>]*>Zorblatt</mark>', dom)
    assert re.search(r'<mark class="found"[^>]*>Quartermaine</mark>', dom)


def test_the_page_makes_no_network_requests(rendered):
    _, requests = rendered
    assert requests == []


def test_the_request_check_does_see_a_page_that_fetches(tmp_path):
    # The control: the same check on a page with an external image and stylesheet finds both.
    page = tmp_path / "fetches.html"
    page.write_text('<!DOCTYPE html><html><head><link rel="stylesheet" href="https://fonts.example.invalid/a.css">'
                    '</head><body><img src="http://images.example.invalid/x.png"></body></html>', encoding="utf-8")
    netlog = tmp_path / "netlog.json"
    headless(page.as_uri(), tmp_path / "profile", f"--log-net-log={netlog}", "--dump-dom")
    assert sorted(page_requests(netlog)) == ["http://images.example.invalid/x.png", "https://fonts.example.invalid/a.css"]


def test_the_page_paints_a_screenshot(review_page, tmp_path):
    shot = tmp_path / "review.png"
    headless(review_page.as_uri(), tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
