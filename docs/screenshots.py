"""Regenerate the README screenshots of the large-print page (needs /usr/bin/chromium).

    .venv/bin/python docs/screenshots.py

Shots are taken of a bundled example in Chromium and saved as small palette PNGs.
"""

from __future__ import annotations

import base64
import io
import tempfile
from pathlib import Path

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

from clearread.readers import read
from clearread.writers import WriteOptions
from clearread.writers.html import write

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "examples" / "harbour-heat-pumps.html"
THEMES = ("contrast", "cream")
WIDTH, HEIGHT = 960, 1000


def main() -> None:
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--disable-background-networking", "--no-first-run"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    doc = read(str(ARTICLE))
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1,
                                "mobile": False})
        with tempfile.TemporaryDirectory() as tmp:
            for theme in THEMES:
                page = Path(tmp) / f"{theme}.html"
                write(doc, page, WriteOptions(theme=theme), "html")
                driver.get(page.as_uri())
                driver.execute_async_script("document.fonts.ready.then(() => arguments[0]());")
                shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
                image = Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")
                small = image.quantize(colors=32, method=Image.Quantize.MEDIANCUT)
                dest = ROOT / "docs" / f"screenshot-{theme}.png"
                small.save(dest, optimize=True)
                print(f"{dest.relative_to(ROOT)}: {dest.stat().st_size // 1024} KB")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
