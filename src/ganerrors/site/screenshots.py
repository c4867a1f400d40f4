"""Screenshots of the built site in headless Chromium, and a check that nothing is cut off.

    python -m ganerrors.site.screenshots SITE_DIR OUT_DIR

serves SITE_DIR on localhost and opens the home page, the first kata's page, its notebook and
which-error-where at 1280 px and at 390 px (a phone), plus the kata page in dark mode. For each
it saves the first screen and the whole page (up to `MAX_HEIGHT`) as PNG in OUT_DIR, then opens
every collapsed block and every tab and checks, in the page, that:

- the page does not scroll sideways, and no box sticks out of the content column;
- error boxes, the Why tab, tables and notebook outputs are not wider than their box
  (they must wrap: a scroll there would hide the end of a message);
- the home page names InvalidArgumentError in its first screen;
- the checklist sheet prints on one A4 sheet (saved as checklist-sheet.pdf).

Source code may scroll sideways; those blocks are listed, not failed. The exit status is 1
when a check fails, 2 when no browser is found (Debian: `apt-get install chromium
chromium-driver`; Selenium with the system's chromedriver, no browser download).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import shutil
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ganerrors import course as course_mod
from ganerrors.site import notebooks

WIDTHS = (1280, 390)
#: The printable checklist: it must fit on one sheet of paper.
SHEET = "checklist-sheet/"
FIRST_SCREEN = {1280: 800, 390: 844}
MAX_HEIGHT = 12000

#: Boxes whose text must wrap: if one is wider inside than outside, part of it is hidden.
MUST_WRAP = ", ".join(
    (
        ".md-typeset .language-text pre > code",
        ".md-typeset .admonition pre > code",
        ".md-typeset details pre > code",
        ".md-typeset .why pre > code",
        ".md-typeset .md-typeset__scrollwrap",
        ".md-typeset .md-typeset__table",
        ".md-typeset table",
        ".jupyter-wrapper .jp-OutputArea-output pre",
    )
)

_CHECK = """
const mustWrap = arguments[0];
const problems = [], scrolls = [];
const doc = document.documentElement;
const name = (el) => {
  const text = (el.innerText || "").trim().split("\\n")[0].slice(0, 60);
  return `<${el.tagName.toLowerCase()} class="${el.className}"> "${text}"`;
};
if (doc.scrollWidth > doc.clientWidth + 1) {
  problems.push(`the page scrolls sideways: ${doc.scrollWidth} px wide in ${doc.clientWidth} px`);
}
const content = document.querySelector(".md-content__inner");
const right = document.querySelector(".md-content").getBoundingClientRect().right;
const scroller = (el) => {
  for (let up = el.parentElement; up && up !== content; up = up.parentElement) {
    const overflow = getComputedStyle(up).overflowX;
    if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") return up;
  }
  return null;
};
for (const el of content.querySelectorAll("*")) {
  const box = el.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) continue;
  if (el.matches(mustWrap) && el.scrollWidth > el.clientWidth + 1) {
    problems.push(`${name(el)} is ${el.scrollWidth} px wide inside, ${el.clientWidth} px outside`);
  } else if (box.right > right + 1 && !scroller(el)) {
    problems.push(`${name(el)} sticks out of the content by ${Math.round(box.right - right)} px`);
  } else if (el.tagName === "CODE" && el.scrollWidth > el.clientWidth + 1) {
    scrolls.push(name(el));
  }
}
return {problems, scrolls};
"""

#: Open every collapsed block and show every tab, so that the check sees all the content.
_OPEN_ALL = """
document.querySelectorAll("details").forEach((details) => (details.open = true));
const style = document.createElement("style");
style.textContent = ".tabbed-set > .tabbed-content > .tabbed-block { display: block !important }";
document.head.appendChild(style);
"""

_FIRST_SCREEN = """
const height = window.innerHeight;
const content = document.querySelector(".md-content");
const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  if (!node.textContent.includes(arguments[0])) continue;
  const range = document.createRange();
  range.selectNodeContents(node);
  const box = range.getBoundingClientRect();
  if (box.height > 0 && box.top < height) return true;
}
return false;
"""


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # the page's URL, relative to the site
    first_screen_text: str = ""  # text that must show in the first screen
    dark: bool = False


@dataclass
class Shot:
    page: Page
    width: int
    files: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    scrolls: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.page.name} at {self.width} px" + (" (dark)" if self.page.dark else "")


def default_pages(course: course_mod.Course) -> list[Page]:
    kata = course.katas[0]
    kata_page = Page("kata", f"katas/{kata.name}/")
    return [
        Page("home", "", first_screen_text="InvalidArgumentError"),
        kata_page,
        Page("notebook", f"{notebooks.URL_FOLDER}/{kata.name}/"),
        Page("which-error-where", "which-error-where/"),
        Page("kata-dark", kata_page.path, dark=True),
    ]


def find_browser() -> tuple[str, str] | None:
    """(browser, driver) executables: Debian's chromium and chromium-driver, or Chrome's."""
    browser = next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p),
        None,
    )
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on a free local port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


#: Waits, in the page, until it is painted: loaded, its fonts and eager images in, then two
#: animation frames. Under load Chromium can report a page loaded before it has drawn its
#: content: a screenshot then shows the header over a blank page.
_SETTLE = """
const done = arguments[arguments.length - 1];
const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
const pause = ms => new Promise(resolve => setTimeout(resolve, ms));
(async () => {
  while (document.readyState !== "complete") await pause(50);
  if (document.fonts) await document.fonts.ready;
  const pending = [...document.images].filter(i => !i.complete && i.loading !== "lazy");
  await Promise.race([
    Promise.all(pending.map(i => new Promise(r => { i.onload = i.onerror = r; }))),
    pause(10000),
  ]);
  await frame();
  await frame();
  done(true);
})();
"""
SETTLE_SECONDS = 30


def _driver(browser: str, driver: str) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-device-scale-factor=1"):  # fmt: skip
        options.add_argument(argument)
    for attempt in (1, 2):  # a loaded machine can miss chromedriver's start-up deadline once
        try:
            chrome = webdriver.Chrome(service=Service(executable_path=driver), options=options)
        except Exception:
            if attempt == 2:
                raise
        else:
            chrome.set_page_load_timeout(120)
            chrome.set_script_timeout(SETTLE_SECONDS)  # `_load` waits in the page
            return chrome
    raise AssertionError("unreachable")


def _load(driver: Any, url: str) -> None:
    """Open `url` and wait until its content is painted (`_SETTLE`)."""
    driver.get(url)
    driver.execute_async_script(_SETTLE)


def _shoot(driver: Any, path: Path, width: int, height: int, full: bool) -> None:
    import base64

    if full:
        height = min(
            MAX_HEIGHT, int(driver.execute_script("return document.documentElement.scrollHeight"))
        )
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    data = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": full}
    )
    path.write_bytes(base64.b64decode(data["data"]))


def take(
    site: Path, out: Path, pages: Sequence[Page], widths: Sequence[int] = WIDTHS
) -> list[Shot]:
    """Screenshots of `pages` of the built `site` into `out`, and what each check found."""
    found = find_browser()
    if found is None:
        raise FileNotFoundError("no chromium and chromedriver on PATH")
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with serve(site) as base:
        driver = _driver(*found)
        try:
            for page in pages:
                for width in widths if not page.dark else widths[:1]:
                    shots.append(_check_page(driver, base, page, width, out))
        finally:
            driver.quit()
    return shots


def _check_page(driver: Any, base: str, page: Page, width: int, out: Path) -> Shot:
    shot = Shot(page, width)
    height = FIRST_SCREEN.get(width, 800)
    scheme = [{"name": "prefers-color-scheme", "value": "dark" if page.dark else "light"}]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": scheme})
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    _load(driver, base + page.path)
    stem = f"{page.name}-{width}"
    for suffix, full in (("first-screen", False), ("page", True)):
        path = out / f"{stem}-{suffix}.png"
        try:
            _shoot(driver, path, width, height, full)
        except Exception:  # a loaded machine: Chromium can lose the page once; load it again
            _load(driver, base + page.path)
            _shoot(driver, path, width, height, full)
        shot.files.append(path)
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    if page.first_screen_text and not driver.execute_script(_FIRST_SCREEN, page.first_screen_text):
        shot.problems.append(f"{page.first_screen_text!r} is not in the first screen")
    driver.execute_script(_OPEN_ALL)
    result = driver.execute_script(_CHECK, MUST_WRAP)
    shot.problems += result["problems"]
    shot.scrolls += result["scrolls"]
    return shot


def printed_sheets(site: Path, path: str, out: Path | None = None) -> int:
    """How many A4 sheets the page at `path` prints on (Chromium's print to PDF)."""
    import base64
    import re

    found = find_browser()
    if found is None:
        raise FileNotFoundError("no chromium and chromedriver on PATH")
    with serve(site) as base:
        driver = _driver(*found)
        try:
            driver.get(base + path)
            pdf = driver.execute_cdp_cmd(
                "Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69}
            )
        finally:
            driver.quit()
    data = base64.b64decode(pdf["data"])
    if out is not None:
        out.write_bytes(data)
    count = re.search(rb"/Count (\d+)", data)
    return int(count.group(1)) if count else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ganerrors.site.screenshots", description=__doc__.split("\n")[0]
    )
    parser.add_argument("site", type=Path, help="the built site (mkdocs build -d SITE)")
    parser.add_argument("out", type=Path, help="where the PNG files and report.json go")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: .)")
    options = parser.parse_args(argv)
    if find_browser() is None:
        print("no browser: install chromium and chromium-driver (apt-get)", file=sys.stderr)
        return 2
    pages = default_pages(course_mod.load(options.root / "katas"))
    shots = take(options.site, options.out, pages)
    report = [
        {
            "page": s.label,
            "files": [p.name for p in s.files],
            "problems": s.problems,
            "scrolls": s.scrolls,
        }
        for s in shots
    ]
    (options.out / "report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    sheets = printed_sheets(options.site, SHEET, options.out / "checklist-sheet.pdf")
    print(f"the checklist sheet prints on {sheets} A4 sheet(s)")
    failed = sheets != 1
    for shot in shots:
        status = "ok" if not shot.problems else "FAILED"
        print(
            f"{shot.label}: {status}"
            + (f", {len(shot.scrolls)} code block(s) scroll" if shot.scrolls else "")
        )
        for problem in shot.problems:
            print(f"  {problem}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
