#!/usr/bin/env bash
# Installs the system packages docrelay runs on (Debian/Ubuntu): Redis for the embedded broker,
# Apertium with the language pairs of apertium-pairs.txt, WeasyPrint's Pango/HarfBuzz, poppler-utils (the
# gateway draws page previews with pdftoppm), and fonts: DejaVu (Latin, Greek, Cyrillic, with its
# italics), Noto core (Arabic, Hebrew, Thai, ...), Noto Mono and Noto CJK, and the families with the metrics
# of common PDF fonts: Latin Modern (TeX's Computer Modern) and Liberation (Times, Helvetica/Arial,
# Courier); wamerican, the English word list with which language detection recognises very short English
# texts; prometheus for its promtool, with which the tests check deploy/prometheus (the server itself is
# not used); chromium, which the browser tests of the web page drive through playwright (never
# `playwright install`); Tesseract with its orientation/script data and the language packs the
# extractor's OCR reads scanned pages with; and pdflatex (texlive-latex-base, lmodern), with which the
# tests typeset papers with known formulas (about 50 MB to download, under a minute to install).
# Idempotent: does nothing when everything is already there.
set -euo pipefail
# The Apertium pairs, one list shared with the Dockerfile; "#" starts a comment.
mapfile -t APERTIUM_PAIRS < <(sed 's/#.*//' "$(dirname "$0")/apertium-pairs.txt" | grep -o '[^[:space:]]\+')
PACKAGES=(redis-server apertium "${APERTIUM_PAIRS[@]}" libpango-1.0-0 libpangoft2-1.0-0
          libharfbuzz-subset0 fonts-dejavu-core fonts-dejavu-extra fonts-noto-core fonts-noto-mono
          fonts-noto-cjk fonts-lmodern fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea
          poppler-utils wamerican prometheus chromium
          tesseract-ocr tesseract-ocr-osd tesseract-ocr-eng tesseract-ocr-spa tesseract-ocr-fra tesseract-ocr-deu
          tesseract-ocr-por tesseract-ocr-ita tesseract-ocr-cat tesseract-ocr-rus tesseract-ocr-ara
          tesseract-ocr-chi-sim tesseract-ocr-jpn texlive-latex-base lmodern)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "Please install these packages with your system's package manager: ${missing[*]}" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing system packages: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
