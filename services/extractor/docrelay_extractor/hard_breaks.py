"""Lists with one item per line: a line that ended although the next line's first word would have fit.

A typesetter wraps a paragraph where the next word no longer fits, so every line but the last is about
as long as the paragraph is wide. A column of names, a legend, a menu or an address breaks its lines on
purpose: the next item's first word would have fit after the line. Such a break ends a block, so that the
items stay lines of their own and are never reflowed into a paragraph. A next line starting in lower
case goes on with the sentence (a title broken by hand): that break stays inside the block, which keeps
the sentence whole for the translator. Scripts without spaces between words (CJK) give no first word to
measure: their lines are left to the paragraph, and so are right-to-left lines, whose justified verses
end short of the width at every verse number.
A line that is a row is broken on purpose too: where a paragraph's lines are not filled to its width
(they are not wrapped prose) and each has text beside it on its baseline (a description and its code, a
label and its value), every such line is an item of its own. Either way a line in lower case goes on
with the sentence above it (text wrapped around a figure has neighbours on its baseline too), except in
code, whose lines are its items, and between two lines that each have code after them on their baseline
(a reference card's descriptions of its commands, "k-th derivative ..." under "Jacobi sine theta
function"; a figure's labels are not code) unless most of the paragraph's lines are full (prose in a
column beside a listing in the next). An entry of a table of contents or an index ends at its dot
leaders, and its page numbers after it, whatever follows; without leaders, a line ending in page
numbers (after a few words and a comma, or alone) ends an entry where the next line opens one (a few
words, a comma, a page number). The labels of two form fields one above the other are two items
(split_at_field_labels), and so are two values one under the other (data: dates, amounts, codes) in a
paragraph of nothing else. A line opening with a footnote's mark opens a note (a table's notes, "^a ..."
over "^b ...").
"""

import re
import statistics
from collections.abc import Callable, Mapping, Sequence, Set
from itertools import pairwise

from docrelay_common.line_joins import CJK, LINE_END_HYPHEN
from docrelay_extractor.data_cells import MAX_ONLY_NAMES, is_name, is_value
from docrelay_extractor.day_names import is_named_day
from docrelay_extractor.footnote_marks import is_note_mark
from docrelay_extractor.letter_closings import CLOSING
from docrelay_extractor.lines import TextLine
from docrelay_extractor.rtl import has_rtl
from docrelay_extractor.settings import extractor_settings
from docrelay_extractor.style import is_monospace
from docrelay_extractor.text import EMAIL_OR_URL, closes_with_leader, ends_sentence
from docrelay_extractor.word_list import only_a_name, proper_names

# The gutter between a column of prose and the text beside its rows is at most this many ems.
GUTTER_EM = 2.0
# A word space, in ems; and room to spare beyond it, in points: a word that only just fits proves nothing.
SPACE_EM = 0.3
SLACK = 1.0
# Wrapped prose: at least this share of the lines but the last fill this share of the paragraph's width.
FULL_LINE = 0.9
PROSE_SHARE = 0.5
# A line of prose, not a form's label, has at least this many words.
PROSE_WORDS = 4
# Lines that each describe the code beside them are items unless this share of them is full: a column of
# prose beside a listing (a reference card's short descriptions are mostly not).
FILLED_SHARE = 0.75


# An index's entry without leaders is a few words and a comma before its page numbers, and the next
# starts in lower case as often as not ("pickup, 4, 20" over "picture, 22, 85"): a line ending in page
# numbers ends an entry where the next opens one, however alike their lengths (an index's column looks
# filled).
MAX_ENTRY_WORDS = 6
INDEX_PAGES = re.compile(r"(?:^|(?<=\D),)\s*\d+(?:[\u2013-]\d+)?(?:,\s*\d+(?:[\u2013-]\d+)?)*$")
INDEX_HEAD = re.compile(r"(\D[^,]*),\s*\d")

# A line ending in a lower-case word this short, or in one of these, goes on into the next: articles,
# prepositions and conjunctions ("trained in" over "Lyon"), in the languages the pipeline reads most.
MAX_LITTLE_WORD = 2
LITTLE_WORDS = frozenset(
    " ".join(
        (
            "and the for but nor with from into their its our this that via than between under about during",
            "von der die das den dem des ein eine einen einem einer und mit für auf bei aus nach über",
            "vor zur zum vom als wie oder durch gegen ohne unter",
            "les des une par pour avec sur dans aux sous vers entre que qui",
            "los las una con por para del sus sin sobre entre que",
            "che per gli dei",
            "для что при над под без как или",
        )
    ).split()
)

# Lines of a list that all end in a comma, at least.
MIN_COMMA_ITEMS = 3
# A postcode, as a line of an address ends with it: British ("LS10 1AB"), American ("CO 80206-1234"),
# Canadian ("M5V 2T6"), Dutch ("1012 AB"); or, on the Continent, four or five digits before a town's one
# name, the whole line ("10435 Berlin", "D-10435 Berlin"), not a year before words ("2024 Annual Report").
POSTCODE = re.compile(
    r"(?:\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|\b[A-Z]{2} \d{5}(?:-\d{4})?|\b[A-Z]\d[A-Z] ?\d[A-Z]\d"
    r"|\b\d{4} ?[A-Z]{2})$|^(?:[A-Z]{1,2}-)?\d{4,5} [^\W\d_]+(?:-[^\W\d_]+)*$"
)
# An address has at most this many lines, of at most this many words.
MAX_ADDRESS_LINES = 6
MAX_ADDRESS_WORDS = 6
# A line of a label and its value has this many words at most ("Average price $2.03").
MAX_LABELLED_VALUE_WORDS = 6
# A label of a few words starting with a capital, a colon and a value of one word: "Sort code: 20-45-77".
LABEL_AND_VALUE = re.compile(r"([A-Z][^\W\d_]*(?: [^\W\d_]+){0,3}: (\S+)\s*)")
# A line opening with a label of a few words starting with a capital and a colon: "Place: Meeting room 2".
LABEL_OPENING = re.compile(r"[A-Z][^\W\d_]*(?: [^\W\d_]+){0,2}: \S")
# An item's letter or Roman numeral before its text: "a)", "(b)", "iv.".
ENUMERATOR = re.compile(r"\(?([a-z]|[ivx]{1,4})[.)]\s")

# How many points of its paragraph's width a line fills.
Reach = Callable[[TextLine], float]


def split_at_hard_breaks(
    paragraph: Sequence[TextLine],
    rows: Set[TextLine] = frozenset(),
    described: Set[TextLine] = frozenset(),
    room: float = 0.0,
    row_room: float = 0.0,
) -> list[list[TextLine]]:
    """The paragraph cut after every line that ended although the next line's first word would have fit,
    between lines that are rows (`rows`: lines with text beside them on their baseline) unless they are
    wrapped prose, filling `row_room` (what bounds them on their rows, a gutter short) or their own
    width where that is wider, between lines that each describe the code beside them (`described`),
    whatever their case, and between values in a paragraph of values. The lines wrap at
    the paragraph's width, or at `room` where that is wider (a centred paragraph, a list: line_room)."""
    if len(paragraph) < 2 or any(has_rtl(line.text) for line in paragraph):
        return [list(paragraph)]
    left = min(line.bbox.x0 for line in paragraph)
    width = max(line.bbox.x1 for line in paragraph) - left
    wrap_width = max(width, room)
    size = statistics.median(line.style.size for line in paragraph)
    # A first line indented past a run-in heading ("If you were") is as full as its right end says, in
    # lines set from the left; any other line fills its own width.
    head = paragraph[0]

    def reach(line: TextLine) -> float:
        return line.bbox.x1 - left if line is head and not room else line.bbox.width

    # Two lines of a label column ("Languages" over "Software", a CV's values beside them) look, against
    # their own width, like a wrapped line and its last: rows are measured against the room their rows
    # leave them (a column of prose beside the next fills it, up to its gutter).
    prose = _wrapped(paragraph, max(width, row_room - GUTTER_EM * size), reach)
    # Prose in a column beside a listing in the next has code after each line on its baseline too.
    filled = _wrapped(paragraph, width, reach, FILLED_SHARE)
    # An address's lines end where it ends them, however short the next one's first word.
    postal = _postal_address([line.text.strip() for line in paragraph])
    # Values one under the other are items where there is nothing else: within a sentence they are words.
    # So are labels each with its value ("Total boxes 429" over "Average price $2.03").
    values_only = all(is_value(line.text) for line in paragraph)
    labelled = all(_labelled_value(line.text) for line in paragraph) or all(
        LABEL_OPENING.match(line.text.lstrip()) for line in paragraph
    )

    def cut(index: int) -> bool:
        before = paragraph[index - 1] if index else None
        line, following = paragraph[index], paragraph[index + 1]
        sentence_ends = not sentence_goes_on(line, following)
        purposeful = (
            _opens_a_note(following)
            or (index == 0 and _a_persons_name(line.text))
            or (ends_sentence(line.text) and _labels_with_values(following.text))
            or postal
            or _broken_on_purpose(reach(line), line, following, wrap_width)
            or (not prose and line in rows and following in rows)
            or (values_only and values_one_under_the_other(line, following))
            or labelled
        )
        return (
            (not filled and _each_describes_code(line, following, described))
            or _ends_an_entry(before, line)
            or (_ends_index_entry(line) and _opens_index_entry(following))
            or (sentence_ends and purposeful)
        )

    return _cut_after(paragraph, cut)


def _opens_a_note(line: TextLine) -> bool:
    """Does the line open with a footnote's mark ("^b East and West Midlands together." under the note
    "^a Responses divided by invitations sent.")? A mark inside a sentence follows its word, on the line
    of the word; one opening a line opens a note."""
    if not line.formulas:
        return False
    first = line.formulas[0]
    return line.text.lstrip().startswith(first.token) and is_note_mark(first, line.style.size)


def _a_persons_name(text: str) -> bool:
    """Is the line only a person's name: two or three capitalised words, no comma, the first known only
    as a name and the others as names ("Helen Carter" over her role under a letter, "Xavier Leroy" over
    his institute; not "In Paris, London,", "Grace Notes", "Microsoft Office")?"""
    words = text.split()
    word_list = extractor_settings().english_words
    return (
        2 <= len(words) <= MAX_ONLY_NAMES
        and "," not in text
        and all(word[:1].isupper() for word in words)
        and is_name(text)
        and only_a_name(words[0], word_list)
        and all(word in proper_names(word_list) for word in words[1:])
    )


def _labels_with_values(text: str) -> bool:
    """Is the line nothing but labels each with a colon and a value ("Sort code: 20-45-77 Account
    number: 41938277")? Under a sentence it had run on from it: "... a la cuenta abajo. Código de
    compensación:" over "20-45-77 Número de cuenta: 41938277"."""
    pairs = LABEL_AND_VALUE.findall(text)
    return (
        bool(pairs)
        and "".join(pair for pair, _ in pairs).strip() == text.strip()
        and all(is_value(value) for _, value in pairs)
    )


def _labelled_value(text: str) -> bool:
    """Is the text a label of a few words starting with a capital, and a value after it ("Max price
    $4.00", "Total boxes 429"; not code, "ross <- open.account(100)")? A summary's lines beside a table
    had run together into one sentence to translate."""
    *label, value = text.split() or [""]
    return 0 < len(label) < MAX_LABELLED_VALUE_WORDS and label[0][:1].isupper() and is_value(value)


def wrapped_within(lines: Sequence[TextLine], room: float) -> bool:
    """Could the lines, top to bottom, be one paragraph wrapped at `room`: each ended where the next one's
    first word would not have fit?"""
    return not any(
        _broken_on_purpose(line.bbox.width, line, following, room) for line, following in pairwise(lines)
    )


def broken_at_every_line(paragraph: Sequence[TextLine], room: float, from_right: bool = False) -> bool:
    """Did every line of the paragraph, set from the left (or `from_right`), end on purpose within
    `room` (the width it could have filled, line_room)? A list: after each line the next one's first
    word would have fit, the line ends in no comma, hyphen or little word a sentence goes on from, and
    the next line opens with a capital or a digit (an item; text in a script without capitals tells
    nothing, and is left to the paragraph). Prose wrapped short of its room for a reason the page does
    not show (a caption under a narrow picture, text around one) breaks before a name now and then, but
    not after every line: "... of the parser on English," over "German and French treebanks.", "Our
    chef, Marie Laurent, trained in" over "Lyon under Chef Paul Bocuse, and" stay sentences."""
    if len(paragraph) < 2 or any(has_rtl(line.text) for line in paragraph):
        return False
    left = min(line.bbox.x0 for line in paragraph)
    right = max(line.bbox.x1 for line in paragraph)

    def reach(line: TextLine) -> float:
        return right - line.bbox.x0 if from_right else line.bbox.x1 - left

    texts = [line.text.strip() for line in paragraph]
    commas_end_items = _address_with_commas(texts)
    postal = _postal_address(texts)
    return all(
        (postal or _broken_on_purpose(reach(line), line, following, room))
        and not runs_on(line.text.rstrip().removesuffix(",") if commas_end_items else line.text)
        and _opens_item(following.text)
        for line, following in pairwise(paragraph)
    )


def _postal_address(lines: Sequence[str]) -> bool:
    """Is the paragraph a postal address: a few lines, one after the first holding a postcode, the last
    ending no sentence ("Kettle & Crumb Bakeries Ltd" over "Unit 4, Riverside Works" over "Leeds LS10
    1AB")? Prose that gives an address runs on from line to line and ends in a full stop."""
    return (
        2 <= len(lines) <= MAX_ADDRESS_LINES
        and all(len(line.split()) <= MAX_ADDRESS_WORDS for line in lines)
        and any(POSTCODE.search(line) for line in lines[1:])
        and not lines[-1].endswith((".", "!", "?"))
    )


def _address_with_commas(lines: Sequence[str]) -> bool:
    """Is the paragraph an address written with commas ("12 Harbour Road," over "Bristol," over "BS1
    4QA")? Three lines or more, every one but the last ending in a comma, a number in one of them (a
    house's, a postcode), the last ending in no full stop: verse and sentences broken by hand ("Roses
    are red," over "Violets are blue," over ... "And so are you.") hold no number, or end in one."""
    return (
        len(lines) >= MIN_COMMA_ITEMS
        and all(line.endswith(",") for line in lines[:-1])
        and any(char.isdigit() for line in lines for char in line)
        and not lines[-1].endswith((".", "!", "?"))
    )


def runs_on(text: str) -> bool:
    """Does the line end where a sentence goes on: a comma or semicolon, a hyphen, or a little word? A
    letter's closing does not, its comma aside: the signature under it is an item of its own."""
    text = text.strip()
    last = text.split()[-1] if text.split() else ""
    return not CLOSING.fullmatch(text) and (
        text.endswith((",", ";"))
        or LINE_END_HYPHEN.search(text) is not None
        or (last.islower() and (len(last) <= MAX_LITTLE_WORD or last in LITTLE_WORDS))
    )


def values_one_under_the_other(upper: TextLine, lower: TextLine) -> bool:
    """Is each line a whole value (data: a date, an amount, a code; a day named with its month), the upper
    ending where nothing goes on into the lower, nor the lower going on from it ("1 Mar 2024 to" over "31
    Mar 2024", or "1 Mar 2024" over "to 31 May 2024", is one range)? A timesheet's "Sat 9 Mar" under "Fri
    8 Mar" or "Tuesday 2 April" under "Monday 1 April", a column of amounts or of e-mail addresses. In a
    script without spaces, only dates ("3月2日" under "3月1日")."""
    return (
        not goes_on_from_above(lower.text)
        and not runs_on(upper.text)
        and is_value(upper.text)
        and is_value(lower.text)
    )


def goes_on_from_above(text: str) -> bool:
    """Does the line start in lower case, but for what is written so wherever it stands: an e-mail or
    web address ("t.price@example.org" under "a.bell@example.org"), a day in a language that writes its
    days so ("mercredi 3 avril" under "mardi 2 avril")?"""
    text = text.lstrip()
    return text[:1].islower() and EMAIL_OR_URL.match(text) is None and not is_named_day(text)


def _opens_item(text: str) -> bool:
    """Does the line open with a capital or a digit, after any bracket, quote or bullet before it, with
    an item's letter or numeral ("a)", "(b)", "iv."), or with an e-mail or a web address (a letterhead's
    "info@…" under its telephone number)?"""
    first = next((char for char in text if char.isalnum()), "")
    return (
        first.isdigit()
        or first.isupper()
        or ENUMERATOR.match(text.lstrip()) is not None
        or EMAIL_OR_URL.match(text.lstrip()) is not None
    )


def split_at_field_labels(
    paragraph: Sequence[TextLine], field_of: Mapping[TextLine, int]
) -> list[list[TextLine]]:
    """The paragraph cut between lines beside two different form fields (`field_of`: the index of the
    field a line labels): "First Name" above "Birthday" are two labels, not a sentence ("Primer
    Cumpleaños de Nombre"); a label wrapped beside one field stays whole, and so does a sentence running
    on from a full line into a line in lower case (a column of prose beside the rows of a table of
    fields; a form's labels never end in a full stop, so only the next line's case tells)."""
    width = max(line.bbox.x1 for line in paragraph) - min(line.bbox.x0 for line in paragraph)

    def cut(index: int) -> bool:
        line, following = paragraph[index], paragraph[index + 1]
        prose = len(line.text.split()) >= PROSE_WORDS and line.bbox.width >= FULL_LINE * width
        runs_on = prose and sentence_goes_on(line, following)
        return (
            line in field_of
            and following in field_of
            and field_of[line] != field_of[following]
            and not runs_on
        )

    return _cut_after(paragraph, cut)


def _cut_after(paragraph: Sequence[TextLine], cut: Callable[[int], bool]) -> list[list[TextLine]]:
    """The paragraph in parts, a new one starting after each line (by its index) that `cut` says."""
    parts: list[list[TextLine]] = [[paragraph[0]]]
    for index, following in enumerate(paragraph[1:]):
        if cut(index):
            parts.append([])
        parts[-1].append(following)
    return parts


def _each_describes_code(line: TextLine, following: TextLine, described: Set[TextLine]) -> bool:
    """Two lines each with its own code beside it (a reference card's "k-th derivative ..." under
    "Jacobi sine theta function"): two items, even where the second starts in lower case."""
    return line in described and following in described


def _ends_an_entry(before: TextLine | None, line: TextLine) -> bool:
    """Does the line end an entry of a table of contents or an index ("cbind . . . . 26")? Its dots run
    to the end of the line on purpose, whatever the next line starts with, and its page numbers are a
    line of their own after it."""
    if (
        before is not None
        and closes_with_leader(before.text)
        and not any(char.isalpha() for char in line.text)
    ):
        return True
    return closes_with_leader(line.text)


def _ends_index_entry(line: TextLine) -> bool:
    """Does the line end in page numbers, after a few words and a comma ("pickup, 4, 20", "pathpart,
    53\u201354") or alone (the page numbers of an entry wrapped)?"""
    text = line.text.rstrip()
    pages = INDEX_PAGES.search(text)
    return pages is not None and len(text[: pages.start()].split()) <= MAX_ENTRY_WORDS


def _opens_index_entry(line: TextLine) -> bool:
    """Does the line start with a few words, a comma and a page number ("internal variables, 18, 25,")?"""
    head = INDEX_HEAD.match(line.text)
    return head is not None and len(head.group(1).split()) <= MAX_ENTRY_WORDS


def sentence_goes_on(line: TextLine, following: TextLine) -> bool:
    """A hyphenated word, or a next line in lower case (code aside: its lines are its items; and an
    e-mail or web address, an item of a letterhead or an author's block whatever its case)."""
    if is_monospace(following.style.font) or EMAIL_OR_URL.match(following.text.lstrip()):
        return False
    return bool(LINE_END_HYPHEN.search(line.text.rstrip())) or following.text.lstrip()[:1].islower()


def _wrapped(paragraph: Sequence[TextLine], width: float, reach: Reach, share: float = PROSE_SHARE) -> bool:
    wrapped = paragraph[:-1]
    full = sum(reach(line) >= FULL_LINE * width for line in wrapped)
    return bool(wrapped) and full >= share * len(wrapped)


def _broken_on_purpose(filled: float, line: TextLine, following: TextLine, width: float) -> bool:
    """Would the next line's first word have fit after `line`, which fills `filled` points of `width`?"""
    if not following.words or CJK.search(following.text):
        return False
    first = following.words[0]
    room = width - filled - SPACE_EM * line.style.size - SLACK
    return first.x1 - first.x0 <= room
