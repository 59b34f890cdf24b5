"""Table cells that are data, not text: kept as the PDF draws them, never sent to a translator.

Data cells hold numbers, amounts, dates, codes and identifiers, e-mail addresses or URLs: text every
token of which carries a digit, or a currency or unit beside one; or code set in a monospaced font
(`E.omega`, `ellinit(E)`, an identifier alone: `typedef`) but on a typewritten page. Name columns
hold people and companies: an engine leaves such names alone at best and translates them at worst
("MENA", a surname, became "Ore").
A column is one when most of its body cells look like names (every word capitalised but for particles
such as "de" or "van", company forms such as "plc") and something says so beyond capital letters, which
also start any label: its header names people or companies, most of its names are in capitals, or, in a
table without headers, the column beside it is a name column (first names beside surnames). Under a
head naming a role ("Manager", "Approved by") only the cells naming people are kept: names the word
list knows, or after a courtesy title.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence

from docrelay_common.company_forms import COMPANY_FORMS
from docrelay_common.courtesy_titles import is_courtesy_title
from docrelay_common.document import TextBlock
from docrelay_common.line_joins import CJK
from docrelay_extractor.code_blocks import is_identifier, is_typewritten
from docrelay_extractor.day_names import is_named_day, weekday_names
from docrelay_extractor.letter_closings import CLOSING
from docrelay_extractor.settings import extractor_settings
from docrelay_extractor.style import is_monospace
from docrelay_extractor.text import EMAIL_OR_URL
from docrelay_extractor.word_list import common_words, only_a_name, proper_names

MONTH_DATE = re.compile(
    r"\d{1,2}[\s./-]*[^\W\d_]{3,10}\.?[\s./-]*\d{2,4}|[^\W\d_]{3,10}\.?\s+\d{1,2},?\s+\d{4}", re.IGNORECASE
)
# A date in Chinese or Japanese, its weekday after it in full-width brackets or not: "3月1日(月)",
# "2024年3月1日", "3月1日 星期一". One "word" to a line: a line of these is a value, any other line with a
# digit none. (Korean spaces its words: "3월 1일 월요일" is data as any other language's.)
CJK_DATE = re.compile(
    r"(?:\d{2,4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]\s*"
    r"(?:[\uff08(][^\uff09)]{1,3}[)\uff09]|[月火水木金土日]曜日?|星期[一二三四五六日天]|周[一二三四五六日])?"
)
# The currency signs of Unicode's first plane (category Sc): the dollar, cent to yen, the rupee signs of
# Indian scripts, the baht, the riel, the currency block (U+20A0-20C0: euro, rouble, rupee, won, lira,
# hryvnia, tenge, naira, peso, dong, shekel, bitcoin), the rial and the full-width forms. A rouble amount
# set apart from its sign ("52 000 ₽") was no data: sent to the engine, not kept as drawn.
CURRENCY_SIGNS = (
    "$\u00a2-\u00a5\u058f\u060b\u07fe\u07ff\u09f2\u09f3\u09fb\u0af1\u0bf9\u0e3f\u17db"
    "\u20a0-\u20c0\ua838\ufdfc\ufe69\uff04\uffe0\uffe1\uffe5\uffe6"
)
# A grade or a rating with its sign: "A-", "B+", "BBB-" ("A-" came back "Un-", an article). In capitals
# only: "up-" or "x+" are no grades.
GRADE = re.compile(r"[A-Z]{1,3}[+\-\u2212]")
# Signs and short words that go with a number: currencies, units, "x", "No.", and the signs between two
# numbers ("131.8 ± 10.4", "10 - 12" with an en dash, "p < 0.05"): plus-minus, times, divide, almost,
# comparisons, plus, hyphen, minus, en and em dashes, slash, colon.
NUMBER_COMPANIONS = re.compile(
    rf"[{CURRENCY_SIGNS}%‰#№°±∓\u00d7÷≈~<>≤≥=+\-\u2212\u2013\u2014/:]|[A-Z]{{3}}|[^\W\d_]{{1,3}}\.?",
    re.IGNORECASE,
)
# Short words that join numbers into words to translate, not units: "Up to 5", "10:30 y 17:00", "5 per
# day", "1 Mar to 31 Mar". Not "a" nor "am": amperes, "10 am".
CONNECTIVES = frozenset(
    " ".join(
        (
            "to up and or of at by on for per the from till via",
            "y e o u al de del el la hasta por para con",
            "et ou au à le les des par pour avec",
            "und oder bis ab im um zu pro mit",
        )
    ).split()
)
PARTICLES = frozenset(
    "de del la las los y e i da das do dos di du van von der den ter le el al bin ben ibn mc of & and".split()  # noqa: SIM905
)
COMPANY_FORMS_LOWERED = frozenset(form.lower() for form in COMPANY_FORMS)
# What may join the parts of one name: "Jean-Luc", "O'Neill", "J.", with a typographic apostrophe too.
NAME_JOINERS = re.compile("[-'\u2019.]")
# What parts identifiers in a list of them ("size, prob"), and addresses ("a@example.org; b@example.org").
IDENTIFIER_LIST = re.compile(r"[,\s]+")
ADDRESS_LIST = re.compile(r"[,;\s]+")
# Code keeps these signs inside its words: calls, members, indexes, assignments.
CODE_SIGNS = re.compile(r"\w[(.\[{_=]|[)\]}]")
NAME_HEADERS = re.compile(
    r"name|nombre|apellido|surname|payee|customer|client|company|empresa|teacher|author|donor|donante|"
    r"vendor|supplier|proveedor|employee|empleado|contact|titular|beneficiar|prénom|nom\b|vorname|firma|"
    r"\bbank\b|\bbanco\b|\bbanque\b",
    re.IGNORECASE,
)
# Heads naming the places of their column: branches, stores, towns.
PLACE_HEADERS = re.compile(
    r"\b(?:city|cities|town|branch|branches|store|shop|location|site|office|depot|warehouse|plant|campus|"
    r"destination|origin|ciudad|localidad|sucursal|tienda|sede|ville|agence|magasin|stadt|filiale|standort|"
    r"ort)\b",
    re.IGNORECASE,
)
# Heads naming people by their role ("Manager" over "Tom Baker", which Apertium made "Tom Panadero") or
# by what they did ("Approved by", "Aprobado por"), in the languages we translate from: a role as the
# head's last word, in the plural or the feminine too ("Account manager", "Lehrerin", "Speakers";
# not "Coach class", "Owner's notes", "Membership"). Such a column may hold other things that look like
# names ("Sales Team", "Direct Debit" under "Paid by"): only its people are kept (_a_person).
NAME_ROLES = (  # noqa: SIM905
    "manager owner director officer representative coordinator speaker presenter lecturer instructor tutor "
    "coach doctor physician assignee reviewer approver signatory member player student pupil candidate "
    "applicant participant attendee patient tenant landlord recipient sender winner referee "
    "gerente responsable encargado encargada representante ponente profesor docente alumno alumna alumni "
    "estudiante paciente jugador miembro socio socia directeur directrice gérant intervenant enseignant "
    "professeur élève étudiant joueur joueuse membre leiter ansprechpartner verantwortlich lehrer dozent "
    "schüler teilnehmer mitarbeiter spieler mitglied vertreter studierende teilnehmende mitarbeitende "
    "responsabile responsabili relatore relatori studente docenti signatories leader supervisor chair "
    "chairperson host trainer deputy lead staff invigilator examiner responsible accountable consulted "
    "informed"
).split()
ROLE_HEADERS = re.compile(
    # Not after a hyphen ("Stand-by"), nor as what a head is of or per ("Tipo de socio", "Cost per
    # attendee"); German's forms of both genders too ("Schüler/in", "Mitarbeiter:innen").
    r"(?<![-\w])(?<!\bde )(?<!\bdel )(?<!\bdi )(?<!\bdu )(?<!\bdes )(?<!\bper )(?<!\bpro )"
    rf"(?:{'|'.join(NAME_ROLES)})(?:e|s|es|en|a|as|i|er|in|innen|\(s\)|[/:*]in(?:nen)?)?[\s:.]*$"
    r"|\w\s+(?:by|to|por|par|von)[\s:.]*$",
    re.IGNORECASE,
)
# Weekdays abbreviated to this many letters or fewer, this many of them in one row or column of a table,
# are a calendar's days (_calendar_days).
MAX_WEEKDAY_ABBREVIATION = 4
MIN_CALENDAR_DAYS = 3
# Most of a column's body cells must look like names; most of them in capitals is evidence enough alone.
NAME_SHARE = 0.7
# The most words a text of names only may have (_only_names), or a letter's signer's name (_signers).
MAX_ONLY_NAMES = 3
# How far under a letter's closing its signer's name may stand (ems: room for a handwritten signature),
# and the points by which the two may overlap.
SIGNATURE_EMS = 6.0
GLYPH_SLACK = 0.5
CAPITALS_SHARE = 0.5
MAX_NAME_WORDS = 5


def is_data(text: str) -> bool:
    """Numbers, amounts, dates, codes, identifiers, grades, e-mail addresses and URLs (one or several)."""
    text = text.strip()
    if MONTH_DATE.fullmatch(text) or GRADE.fullmatch(text):
        return True
    # Addresses, one or several (a cell listing two, one under the other or after a comma).
    addresses = [address for address in ADDRESS_LIST.split(text) if address]
    if addresses and all(EMAIL_OR_URL.fullmatch(address) for address in addresses):
        return True
    tokens = text.split()
    with_digits = [token for token in tokens if any(char.isdigit() for char in token)]
    return bool(with_digits) and all(
        token in with_digits or (NUMBER_COMPANIONS.fullmatch(token) and not _connective(token))
        for token in tokens
    )


def _connective(token: str) -> bool:
    """A short word joining numbers; not in capitals, a code's ("E 5", "AT 1010", "OR 97201")."""
    return token.casefold() in CONNECTIVES and not token.isupper()


def is_value(text: str) -> bool:
    """Data, or a day named with its month (words to translate): what a column may hold one under the
    other, each whole. In a script without spaces, whose every line is one "word" with a digit
    somewhere, only a date."""
    text = text.strip()
    if CJK.search(text):
        return CJK_DATE.fullmatch(text) is not None
    return is_data(text) or is_named_day(text)


def is_name(text: str) -> bool:
    """Every word capitalised (or a particle, or a company form), letters only, a few words."""
    words = text.replace(",", " ").split()
    if not 0 < len(words) <= MAX_NAME_WORDS or not any(len(word) > 1 for word in words):
        return False
    return all(_name_word(word) for word in words)


def is_titled_name(text: str) -> bool:
    """A person named after a courtesy title: "Mrs Okafor-Smith", "Dr. Wilkinson", "Mme Beauregard",
    "Sr. López" (not "Sr Engineer")."""
    title, *name = text.split(maxsplit=1)
    return is_courtesy_title(title) and bool(name) and is_name(name[0])


def in_capitals(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) > 1 and all(char.isupper() for char in letters)


def mark_data_cells(blocks: Sequence[TextBlock]) -> list[TextBlock]:
    """The blocks, with data cells, the body cells of name columns and texts only of names no longer
    translatable."""
    # On a typewritten page a word alone in a monospaced font says nothing of code.
    typewritten = is_typewritten(blocks)
    kept = {
        block.id
        for block in blocks
        if block.cell is not None
        and (is_data(_spelled(block)) or is_code(block) or (not typewritten and _identifier(block)))
    }
    for cells in _by_table(blocks).values():
        heads = _heads(cells)
        columns, headers = _columns_under_heads(cells, heads)
        names, roles = _name_columns(cells, columns, headers)
        headings = _across_columns(cells)
        kept |= {
            cell.id
            for cell in cells
            if cell.cell
            and cell.id not in heads
            and cell.id not in headings
            and (cell.cell.column in names or (cell.cell.column in roles and _a_person(cell.text)))
        }
        kept |= _calendar_days(cells)
        kept |= _values_named_by_their_labels(cells)
        kept |= _places_read_as_words(columns, headers)
    kept |= {block.id for block in blocks if _only_names(block.text)}
    kept |= _signers(blocks)
    return [
        block.model_copy(update={"translatable": False}) if block.id in kept else block for block in blocks
    ]


def _signers(blocks: Sequence[TextBlock]) -> set[str]:
    """The ids of the names signing a letter: the block nearest under its closing ("Yours sincerely,"),
    starting where it starts, a few lines down at most (room for the signature), two or three words of a
    name whose first the word list knows as a name. "Tom Baker" under "Yours sincerely," had come back
    "Tom Panadero"; "The Sales Team" signs for nobody, and the role under the name is translated."""
    names = proper_names(extractor_settings().english_words)
    signers: set[str] = set()
    for closing in blocks:
        if not CLOSING.fullmatch(closing.text.strip()):
            continue
        size = closing.style.size or closing.bbox.height
        under = [
            block
            for block in blocks
            if closing.bbox.bottom - GLYPH_SLACK
            <= block.bbox.top
            <= closing.bbox.bottom + SIGNATURE_EMS * size
            and abs(block.bbox.x0 - closing.bbox.x0) <= size
        ]
        if not under:
            continue
        signer = min(under, key=lambda block: block.bbox.top)
        words = signer.text.split()
        if 2 <= len(words) <= MAX_ONLY_NAMES and is_name(signer.text) and words[0] in names:
            signers.add(signer.id)
    return signers


def _only_names(text: str) -> bool:
    """Is the text two or three words the word list knows only as names: a person's name alone, a CV's
    or a letter's signature ("Jordan Mitchell", which Apertium made "Jordania Mitchell"), or a place's
    ("Hong Kong")? Anywhere on the page, in a cell or not. Not after a courtesy title, which the engine
    translates, the name after it hidden from it ("Mr Jansen": "Señor Jansen")."""
    word_list = extractor_settings().english_words
    words = text.split()
    if words and is_courtesy_title(words[0]):
        return False
    return 2 <= len(words) <= MAX_ONLY_NAMES and all(only_a_name(word, word_list) for word in words)


def _values_named_by_their_labels(cells: Sequence[TextBlock]) -> set[str]:
    """The ids of values that the label just before them in their row says are people or companies, as
    a head does its column's: a label in bold or ending in a colon, a value not in bold that looks like a
    name, and only a person's under a role ("Customer" | "Ferreteria Lopez S.L.", "Approved by" | "Claire
    Fontaine"; not a head row's, all in bold). Apertium made "Bank name" | "Lloyds Bank" "Lloyd Banco",
    "Supplier" | "Northern Tools Ltd" "Herramientas del norte Ltd"."""
    labels = {
        (cell.cell.row, cell.cell.column + cell.cell.column_span): cell
        for cell in cells
        if cell.cell and (cell.style.bold or cell.text.rstrip().endswith(":"))
    }
    return {
        cell.id
        for cell in cells
        if cell.cell
        and not cell.style.bold
        and (label := labels.get((cell.cell.row, cell.cell.column))) is not None
        and (
            (NAME_HEADERS.search(label.text) is not None and is_name(cell.text))
            or (_a_role(label.text) and _a_person(cell.text))
        )
    }


def _calendar_days(cells: Sequence[TextBlock]) -> set[str]:
    """The ids of cells holding a weekday abbreviated ("Sat", "Mié", "jeu."), MIN_CALENDAR_DAYS of them
    or more in one row or column: a calendar's or a timetable's days, kept as drawn as a timesheet's
    "Sat 9 Mar" is. Apertium made "Sat" and "Sun" "Sentado" and "Sol" (seated, the sun); a "Sun" alone
    (a weather table's) is the sun, and translated."""
    days = [cell for cell in cells if cell.cell and _abbreviated_weekday(cell.text)]
    rows = Counter(cell.cell.row for cell in days if cell.cell)
    columns = Counter(cell.cell.column for cell in days if cell.cell)
    return {
        cell.id
        for cell in days
        if cell.cell and max(rows[cell.cell.row], columns[cell.cell.column]) >= MIN_CALENDAR_DAYS
    }


def _abbreviated_weekday(text: str) -> bool:
    word = text.strip().removesuffix(".")
    return len(word) <= MAX_WEEKDAY_ABBREVIATION and word.isalpha() and word.casefold() in weekday_names()


def is_code(block: TextBlock) -> bool:
    """Code in a monospaced font: calls, members, indexes, assignments."""
    return is_monospace(block.style.font) and CODE_SIGNS.search(_spelled(block)) is not None


def _identifier(block: TextBlock) -> bool:
    """Identifiers alone in a monospaced font, one or a list: camlidl's table of attributes ("abstract",
    "ignore", "set") came back as "abstracto", "ignora", "conjunto"; R-intro's arguments "size, prob"."""
    names = [name for name in IDENTIFIER_LIST.split(_spelled(block)) if name]
    return is_monospace(block.style.font) and bool(names) and all(map(is_identifier, names))


def _spelled(block: TextBlock) -> str:
    """The block's text with its formulas' own text for their tokens: `ellj(E)` sets `(E)` in math fonts."""
    formulas = {formula.token: formula.text for formula in block.math}
    return "".join(formulas.get(char, char) for char in block.text)


def _across_columns(cells: Sequence[TextBlock]) -> set[str]:
    """The ids of the table's cells that span two columns or more but look like no full name, words to
    translate in a column of names: a group's heading across the table ("Finance", "Human resources"
    over the names of its staff, table_grid), a merged cell's sentence across some of its columns ("The
    following staff members are working remotely"). A name alone in its row ("MENA", "Rose Hill") may
    look like a heading, and a cell across some columns starting with a name is a name read with the
    cell beside it ("Tom Price Payroll clerk", a narrow gap between them): both stay kept."""
    columns = max(cell.cell.column + cell.cell.column_span for cell in cells if cell.cell)
    return {
        cell.id
        for cell in cells
        if cell.cell
        and cell.cell.column_span > 1
        and not _full_name(cell.text)
        and (cell.cell.column_span == columns or not _two_names(" ".join(cell.text.split()[:2])))
    }


def _full_name(text: str) -> bool:
    """Names in capitals, or two capitalised words or more ("Rose Hill", alone in its row with nothing
    beside it, looks like a heading)."""
    return in_capitals(text) or _two_names(text)


def _two_names(text: str) -> bool:
    """Two capitalised words or more, particles aside: a first name and a surname at least."""
    return is_name(text) and len(text.split()) > 1


def _heads(cells: Sequence[TextBlock]) -> set[str]:
    """The ids of the table's head cells, in its first row: those that are no names, or in bold; all of
    them where one names the people of its column ("Region" beside "Manager" is a head, not a name),
    not a role among the roles under it (a staff list without heads, "Manager" over "Director")."""
    first = [cell for cell in cells if cell.cell and cell.cell.row == 0]
    if any(_names_people(cell.text) and not _among_roles(cell, cells) for cell in first):
        return {cell.id for cell in first}
    return {cell.id for cell in first if not is_name(cell.text) or cell.style.bold}


def _among_roles(head: TextBlock, cells: Sequence[TextBlock]) -> bool:
    """Are most cells under the head roles themselves?"""
    assert head.cell is not None
    column = head.cell.column
    under = [cell for cell in cells if cell.cell and cell.cell.column == column and cell.cell.row > 0]
    return bool(under) and _mostly(under, _a_role, NAME_SHARE)


def _a_role(text: str) -> bool:
    return bool(ROLE_HEADERS.search(text))


def _name_word(word: str) -> bool:
    lowered = word.lower()
    if lowered in PARTICLES or lowered in COMPANY_FORMS_LOWERED:
        return True
    parts = [part for part in NAME_JOINERS.split(word) if part]
    return bool(parts) and all(part.isalpha() and part[0].isupper() for part in parts)


def _by_table(blocks: Sequence[TextBlock]) -> dict[str, list[TextBlock]]:
    tables: dict[str, list[TextBlock]] = defaultdict(list)
    for block in blocks:
        if block.cell is not None:
            tables[block.cell.table].append(block)
    return tables


def _names_people(head: str) -> bool:
    return bool(NAME_HEADERS.search(head)) or _a_role(head)


def _a_person(text: str) -> bool:
    """A name after a courtesy title, or names the word list knows ("Tom Baker", "Grace Obi", "Lopez"):
    one word of them a name the list knows, no other a common word that is not ("Sales Team", "London
    Office", "Direct Debit" and "Vacant" are no people under a head naming a role), a word alone no
    common word at all ("Cash", "Bill")."""
    if is_titled_name(text):
        return True
    if not is_name(text):
        return False
    word_list = extractor_settings().english_words
    names, common = proper_names(word_list), common_words(word_list)
    words = text.replace(",", " ").split()
    if len(words) == 1:
        return words[0] in names and words[0].lower() not in common
    return any(word in names for word in words) and all(
        word in names or word.lower() not in common for word in words
    )


def _label_and_value_first(cells: Sequence[TextBlock]) -> bool:
    """Does the first row pair a label naming a person with a person's full name beside it ("Full name" |
    "Adaeze Nwosu"): a form's rows of labels and values, not a column under its header?"""
    first = {cell.cell.column: cell for cell in cells if cell.cell and cell.cell.row == 0}
    return any(
        NAME_HEADERS.search(cell.text)
        and (value := first.get(column + 1)) is not None
        and _two_names(value.text)
        and not value.style.bold
        for column, cell in first.items()
    )


def _name_columns(
    cells: Sequence[TextBlock], columns: Mapping[int, list[TextBlock]], headers: Mapping[int, str]
) -> tuple[set[int], set[int]]:
    """The columns of names (mostly names under a head naming people, or in capitals, and the columns
    of names beside those where the table has no heads), and the columns under a head naming a role."""
    if _label_and_value_first(cells):
        return set(), set()
    named = {
        column
        for column, body in columns.items()
        if _mostly(body, is_name, NAME_SHARE) and len(body) > 1 and not _mostly(body, _a_word, NAME_SHARE)
    }
    sure = {
        column
        for column in named
        if NAME_HEADERS.search(headers.get(column, ""))
        or _mostly(columns[column], in_capitals, CAPITALS_SHARE)
    }
    # First names beside surnames in a table without headers: with a header, the header would have said so;
    # not their roles ("Manager", "Director" beside "TOM BAKER").
    beside = {
        column
        for column in named - set(headers)
        if (column - 1 in sure or column + 1 in sure) and not _mostly(columns[column], _a_role, NAME_SHARE)
    }
    roles = {column for column, head in headers.items() if _a_role(head)}
    return sure | beside, roles


def _columns_under_heads(
    cells: Sequence[TextBlock], heads: set[str]
) -> tuple[dict[int, list[TextBlock]], dict[int, str]]:
    """Each column's body cells (those of one column only) and its head's text."""
    columns: dict[int, list[TextBlock]] = defaultdict(list)
    headers: dict[int, str] = {}
    for cell in cells:
        assert cell.cell is not None  # _by_table keeps cells only
        if cell.id in heads:
            # A head in two styles is two parts (cell_parts): "Donor" over "(as registered)".
            headers[cell.cell.column] = f"{headers.get(cell.cell.column, '')} {cell.text}".strip()
        elif cell.cell.column_span == 1:
            columns[cell.cell.column].append(cell)
    return columns, headers


def _places_read_as_words(columns: Mapping[int, list[TextBlock]], headers: Mapping[int, str]) -> set[str]:
    """The ids of places the engine would read as words, in a column of places: under a head naming
    places, the body mostly names, at least half of them names the word list knows and no common word
    ("Leeds", "York"), the others that are common words too ("Bath", "Hull", "Reading") are places as
    well, kept as drawn. Apertium had made a branch "Bath" "Baño"; it gives "London" as "Londres", so a
    name only a name is left to it. A column of words ("North", "Online", "Central") has too few names
    the list knows only as names, and is translated."""
    word_list = extractor_settings().english_words
    common = common_words(word_list)

    def only_names(text: str) -> bool:
        return all(only_a_name(word, word_list) for word in text.split())

    def also_a_word(text: str) -> bool:
        return any(word.lower() in common for word in text.split())

    kept: set[str] = set()
    for column, body in columns.items():
        if not PLACE_HEADERS.search(headers.get(column, "")) or not _mostly(body, is_name, NAME_SHARE):
            continue
        if 2 * sum(only_names(cell.text) for cell in body) >= len(body):
            kept |= {cell.id for cell in body if is_name(cell.text) and also_a_word(cell.text)}
    return kept


def _a_word(text: str) -> bool:
    """Is the text one word the word list knows as a word and not as a name: a form's "Address", "Phone",
    "Signature" under its section's caption "Contact", a head naming people too ("Baker", "Rose" are
    names the list knows). A column mostly of such words is one of labels, to translate: kept as names,
    a form's contact section had come back in English beside its translated personal details."""
    word_list = extractor_settings().english_words
    words = text.split()
    return (
        len(words) == 1
        and words[0].lower() in common_words(word_list)
        and words[0].capitalize() not in proper_names(word_list)
    )


def _mostly(cells: Sequence[TextBlock], test: Callable[[str], bool], share: float) -> bool:
    return sum(bool(test(cell.text)) for cell in cells) >= share * len(cells)
