"""Names in running text that no engine should translate: companies by their legal form, streets by
their number and kind, and towns with their postcode.

Apertium translates their words: "Greenleaf Foods Ltd" -> "Greenleaf Comidas Ltd", "12 Elm Road" ->
"12 Carretera de Olmo", "4 Harbour Street" -> "4 Calle de Puerto", "Bath BA1 2AB" -> "Baño BA1 2AB",
"Reading RG1 3DF" -> "Lectura RG1 3DF". Each pattern is case-sensitive (protect.py's is not): the
capitals are what tell a name.
"""

import re

from docrelay_common.company_forms import COMPANY_FORMS
from docrelay_translator.engines.protect import STATE_CODES

# A capitalised word of a name: "Greenleaf", "O'Neill", "Saint-Denis".
_WORD = r"[A-Z][\w'\u2019-]*"
# Forms that are words or codes of their own undotted ("Type AB", "Sales SA", "Co") end no name here.
_AMBIGUOUS_FORMS = frozenset({"SA", "SL", "BV", "NV", "AB", "Co"})
_FORMS = sorted(
    {*COMPANY_FORMS, *(form.upper() for form in COMPANY_FORMS)} - _AMBIGUOUS_FORMS, key=len, reverse=True
)
# One to three capitalised words (or "&") and a legal form: "Greenleaf Foods Ltd", "Smith & Sons Ltd.",
# "Acme, Inc.", "Stahlwerk Kunz AG".
COMPANY_NAME = (
    rf"(?-i:\b(?:(?:{_WORD}|&)[ \u00a0]+){{0,2}}{_WORD},?[ \u00a0]+"
    rf"(?:{'|'.join(re.escape(form) for form in _FORMS)})(?![\w&]))"
)

_STREET_KINDS = (  # noqa: SIM905
    "Road Rd Street St Lane Ln Avenue Ave Drive Dr Close Way Crescent Terrace Gardens Square Boulevard Blvd "
    "Parade Grove Mews Court Place"
).split()
# A house number, one to three capitalised words and the street's kind: "12 Elm Road", "221B Baker
# Street", "4, Harbour St."
STREET = (
    rf"(?-i:\b\d{{1,5}}[A-Za-z]?,?[ \u00a0]+(?:{_WORD}[ \u00a0]+){{1,3}}"
    rf"(?:{'|'.join(_STREET_KINDS)})\b\.?)"
)

# A British postcode ("BA1 2AB", "SW1A 1AA") or a US state's code and ZIP code ("IL 62704").
_POSTCODE = (
    r"[A-Z]{1,2}\d[A-Z\d]?[ \u00a0]?\d[A-Z]{2}\b"
    rf"|(?:{'|'.join(STATE_CODES.split())})[ \u00a0]+\d{{5}}(?:-\d{{4}})?\b"
)
# The town before it, and the postcode with it: "Bath BA1 2AB", "Milton Keynes MK9 1AA", "Orange, CA
# 92866" (a postcode's letters are no word either: "Norwich NR4 7TH" had come back "Norwich NR4 7.º").
POSTAL_TOWN = rf"(?-i:\b(?:{_WORD}[ \u00a0]+){{0,2}}{_WORD},?[ \u00a0]+(?:{_POSTCODE}))"
