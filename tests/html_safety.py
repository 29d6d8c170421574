"""What "inert" means for HTML a reader receives, checked the way a browser parses it
(html5lib, through BeautifulSoup), and the public XSS corpus the checks run on."""

import re
from pathlib import Path

from bs4 import BeautifulSoup

XSS_CORPUS = Path("/work/shared/corpora/xss")
IMAGE_CORPUS = Path("/work/shared/corpora/images")

# Elements that run script, load active content or change how the rest of the page is read.
ACTIVE_ELEMENTS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style",
    "link", "meta", "svg", "math", "template", "noscript", "xml", "xss", "form", "input",
    "button", "textarea", "select", "isindex", "video", "audio", "source", "marquee", "bgsound",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "xlink:href", "background", "poster",
    "lowsrc", "dynsrc", "srcset", "cite", "codebase", "ping",
}  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x20]+")
ACTIVE_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")


def xss_payloads():
    """Every non-empty line of every list in the corpus."""
    payloads = []
    for path in sorted(XSS_CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        payloads.extend(line for line in text.splitlines() if line.strip())
    return payloads


def active_parts(html, *, region="main", allowed_elements=()):
    """Script-capable elements and attributes found in ``region`` of ``html``: [] when inert."""
    soup = BeautifulSoup(html, "html5lib")
    root = soup.find(region) if region else soup
    assert root is not None, f"no <{region}> in the page"
    found = []
    for element in root.find_all(True):
        if element.name in ACTIVE_ELEMENTS and element.name not in allowed_elements:
            found.append(f"<{element.name}>")
        for name, value in element.attrs.items():
            name = name.lower()
            values = value if isinstance(value, list) else [value]
            if name.startswith("on") or name in {"style", "srcdoc"}:
                found.append(f"<{element.name} {name}>")
            elif name in URL_ATTRIBUTES:
                for item in values:
                    normalised = _CONTROL.sub("", str(item)).lower()
                    if normalised.startswith(ACTIVE_SCHEMES):
                        found.append(f"<{element.name} {name}={item!r}>")
    return found
