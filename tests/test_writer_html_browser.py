"""The large-print page in a real Chromium: axe-core (WCAG A/AA/AAA), sizes, reflow, spacing.

One browser serves the whole module (start-up is the slow part). Pages are the model-built
samples plus every bundled example, each in every theme. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from html_samples import SAMPLES
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver

from clearread.model import Document
from clearread.pipeline import read
from clearread.writers import WriteOptions
from clearread.writers.html import write
from clearread.writers.theme import LINE_HEIGHT, THEMES

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "html"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21a", "wcag21aa", "wcag21aaa", "wcag22aa"]
BROWSER_ARGS = ("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,900")
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in {".html", ".txt"})

Pages = dict[tuple[str, str], Path]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
]


def articles() -> dict[str, Document]:
    docs = dict(SAMPLES)
    for path in EXAMPLES:
        docs[path.stem] = read(str(path))
    return docs


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    folder = tmp_path_factory.mktemp("pages")
    out = {}
    for name, doc in articles().items():
        for theme in THEMES:
            dest = folder / f"{name}-{theme}.html"
            write(doc, dest, WriteOptions(theme=theme), "html")
            out[(name, theme)] = dest
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    assert AXE.exists(), "run `npm ci` for axe-core"
    options = Options()
    options.binary_location = str(CHROMIUM)
    for arg in BROWSER_ARGS:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(120)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                           {"source": AXE.read_text(encoding="utf-8")})
    yield driver
    driver.quit()


def load(driver: WebDriver, page: Path, width: int = 1280, height: int = 900) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1,
                            "mobile": False})
    driver.get(page.as_uri())
    driver.execute_async_script("document.fonts.ready.then(() => arguments[0](true));")


def screenshot(driver: WebDriver, dest: Path) -> None:
    """Full-page PNG through the DevTools protocol (WebDriver's own stops at the viewport)."""
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(base64.b64decode(shot["data"]))


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]},
                   rules: {"color-contrast-enhanced": {enabled: true}}})
  .then(r => done(r.violations.map(v => ({id: v.id, help: v.help,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))))
  .catch(e => done("axe failed: " + e));
"""

MEASURE = """
const texts = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
let n, minFont = Infinity;
while ((n = walker.nextNode())) {
  if (!n.data.trim() || !n.parentElement.getClientRects().length) continue;
  minFont = Math.min(minFont, parseFloat(getComputedStyle(n.parentElement).fontSize));
}
// characters per rendered line: one Range per character, grouped by vertical position
let maxLine = 0, maxWhere = "";
for (const el of document.querySelectorAll("p, li, figcaption, caption, td, th, pre, h1, h2, h3")) {
  const centres = [];
  const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const r = document.createRange();
  while ((n = w.nextNode())) {
    for (let i = 0; i < n.length; i++) {
      if (n.data[i] === "\\n") continue;
      r.setStart(n, i); r.setEnd(n, i + 1);
      const b = r.getBoundingClientRect();
      if (b.width > 0) centres.push(b.top + b.height / 2);
    }
  }
  centres.sort((a, b) => a - b);
  let start = -Infinity, count = 0;
  for (const c of centres.concat([Infinity])) {
    if (c - start > 12) {
      if (count > maxLine) { maxLine = count; maxWhere = el.textContent.slice(0, 60); }
      start = c; count = 0;
    }
    count++;
  }
}
const p = document.querySelector("main p:not(header p)") || document.querySelector("p");
const ps = getComputedStyle(p);
const fetched = performance.getEntriesByType("resource").map(e => e.name)
  .filter(u => !u.startsWith("data:"));
const faces = [...document.fonts].map(f => f.family.replace(/"/g, "") + ":" + f.status);
return {bodyFont: parseFloat(getComputedStyle(document.body).fontSize), minFont, maxLine,
        maxWhere, paraGap: parseFloat(ps.marginBottom), lineHeight: parseFloat(ps.lineHeight),
        fontPx: parseFloat(ps.fontSize), fetched, faces,
        fontStyle: getComputedStyle(p).fontStyle, align: ps.textAlign};
"""

REFLOW = """
const de = document.documentElement;
const inScroller = e => {
  for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
    if (/auto|scroll/.test(getComputedStyle(p).overflowX)) return true;
  return false;
};
const wide = [...document.querySelectorAll("body *")]
  .filter(e => e.getBoundingClientRect().right > de.clientWidth + 1 && !inScroller(e))
  .map(e => e.tagName + ":" + (e.textContent || "").slice(0, 40));
return {scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, wide: wide.slice(0, 5)};
"""

TEXT_SPACING = """
const style = document.createElement("style");
style.textContent = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;
document.head.appendChild(style);
const clipped = [];
for (const el of document.querySelectorAll("body *")) {
  const cs = getComputedStyle(el);
  if (cs.display.startsWith("inline") || el.tagName === "BR") continue;
  if (/auto|scroll/.test(cs.overflow) && el.getAttribute("tabindex") === "0") continue;
  if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
    clipped.push(el.tagName + " " + cs.overflow + ": " + (el.textContent || "").slice(0, 40));
}
const de = document.documentElement;
return {clipped, scrollWidth: de.scrollWidth, clientWidth: de.clientWidth};
"""


ARTICLES = [*SAMPLES, *(p.stem for p in EXAMPLES)]
CASES = [(name, theme) for name in ARTICLES for theme in THEMES]


@pytest.mark.parametrize(("name", "theme"), CASES, ids=[f"{n}-{t}" for n, t in CASES])
def test_axe_finds_no_wcag_violation(browser: WebDriver, pages: Pages, name: str,
                                     theme: str) -> None:
    load(browser, pages[(name, theme)])
    violations = browser.execute_async_script(AXE_RUN, AXE_TAGS)
    screenshot(browser, ARTIFACTS / f"{name}-{theme}.png")
    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize("name", ARTICLES)
def test_large_print_measurements(browser: WebDriver, pages: Pages, name: str) -> None:
    load(browser, pages[(name, "light")])
    m = browser.execute_script(MEASURE)
    assert m["bodyFont"] >= 24 and m["minFont"] >= 24, m
    assert m["lineHeight"] / m["fontPx"] >= 1.5
    assert m["lineHeight"] / m["fontPx"] == pytest.approx(LINE_HEIGHT, abs=0.01)
    assert m["paraGap"] >= 1.5 * m["lineHeight"] - 0.5, m
    assert m["maxLine"] <= 72, m         # aim ~70; WCAG 1.4.8 allows 80
    assert m["fontStyle"] == "normal" and m["align"] in {"start", "left"}
    assert m["fetched"] == []
    assert "Atkinson Hyperlegible:loaded" in m["faces"], m["faces"]


@pytest.mark.parametrize("name", ARTICLES)
def test_no_horizontal_scrolling_at_320_px(browser: WebDriver, pages: Pages, name: str) -> None:
    load(browser, pages[(name, "contrast")], width=320, height=640)
    r = browser.execute_script(REFLOW)
    screenshot(browser, ARTIFACTS / f"{name}-contrast-320.png")
    assert r["scrollWidth"] <= r["clientWidth"] and r["wide"] == [], r


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("name", ARTICLES)
def test_text_spacing_override_clips_nothing(browser: WebDriver, pages: Pages, name: str,
                                            width: int) -> None:
    load(browser, pages[(name, "cream")], width=width, height=800)
    r = browser.execute_script(TEXT_SPACING)
    assert r["clipped"] == [] and r["scrollWidth"] <= r["clientWidth"], r


def test_user_font_setting_still_scales_the_page(browser: WebDriver, pages: Pages) -> None:
    browser.execute_cdp_cmd("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    try:
        load(browser, pages[("feature", "light")])
        size = browser.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
    finally:
        browser.execute_cdp_cmd("Page.setFontSizes", {"fontSizes": {"standard": 16, "fixed": 13}})
    assert size == pytest.approx(48)


def emulate(browser: WebDriver, **media: object) -> None:
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", media)


def test_auto_theme_follows_a_dark_system_setting(browser: WebDriver, pages: Pages) -> None:
    emulate(browser, features=[{"name": "prefers-color-scheme", "value": "dark"}])
    try:
        load(browser, pages[("feature", "auto")])
        background = browser.execute_script(
            "return getComputedStyle(document.body).backgroundColor")
        violations = browser.execute_async_script(AXE_RUN, AXE_TAGS)
        screenshot(browser, ARTIFACTS / "feature-auto-dark.png")
    finally:
        emulate(browser, features=[])
    assert background == "rgb(18, 18, 18)"
    assert violations == [], violations


def test_print_is_black_on_white_with_link_targets(browser: WebDriver, pages: Pages) -> None:
    emulate(browser, media="print")
    try:
        load(browser, pages[("feature", "contrast")])
        style = browser.execute_script("""
            const a = document.querySelector("a[href='https://example.org/plan']");
            const b = getComputedStyle(document.body);
            return {text: b.color, background: b.backgroundColor,
                    link: getComputedStyle(a).color,
                    after: getComputedStyle(a, "::after").content};""")
    finally:
        emulate(browser, media="")
    assert style["text"] == style["link"] == "rgb(0, 0, 0)"
    assert style["background"] == "rgba(0, 0, 0, 0)"
    assert "https://example.org/plan" in style["after"]
