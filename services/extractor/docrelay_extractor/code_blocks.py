"""Code set apart in a monospaced font is not text to translate: kept as the PDF draws it.

A manual's listings ("> x <- array(1:20, dim=c(4,5))" came back as "> x <- Variedad(1:20, ...)"), its
identifiers ("if", "data.frame" in a function index) and a program's output are set in a monospaced
font among prose in another. A block in a monospaced font is code when it is an identifier alone or when
enough of its tokens carry code signs (a call, an index, a member, an assignment, a brace). A page whose
text is mostly monospaced prose (a typewritten page, a plain-text printout) keeps every block
translatable: there the font says nothing. Table cells are data_cells' to tell.
"""

import re
from collections.abc import Sequence

from docrelay_common.document import TextBlock
from docrelay_extractor.style import is_monospace
from docrelay_extractor.text import is_latin

# A token of code: a call or an index ("array(1:20,", "x[i]"), a member or a file name ("data.frame",
# "file1.idl", not "e.g." or "U.S."), an assignment or an arrow ("<-", "dim=c(4,5))", "->", "::"), a
# brace, an identifier with an underscore or a digit ("caml_wrapper", "param1"), a prompt, a
# statement's end ("camlres;", not French spacing's lone ";"), an attribute or an output's index
# ("[in]", "[1]"), a quoted string ("wa",), an operator or a bracket alone ("|", "*", ":", "%*%", "("),
# an option ("-keep-labels"), a type variable ("'a"), a camel-cased name ("iUnknown"), a slot or a tag
# ("Lst$coe", "PER+SBJ"), a path or a range ("(0,0)--(0,3u)", "z0..z1"), a pair ("(20,20)").
CODE_TOKEN = re.compile(
    r"\w[(\[]|[A-Za-z_]\w*\.[A-Za-z_]{2,}|<-|:=|->|::|[{}=]|\w_\w|[a-z]\d|^[>$%]$|\S;$|^\[|^\"[^\"]*\"[,)]*$"
    r"|^(\||\|\||\*\*?|:|&&|[!=<>]=|%\S*%|[()])$|^--?[a-z][\w-]*$|^['\u2019][a-z]$|[a-z][A-Z]|\w[$@+]\w"
    r"|\S--\S|\S\.\.\S|\([^\s(),]*,[^\s(),]*\)"
)
# A comment's delimiter makes its block code, however much prose the comment holds, in whichever script
# ("x = 1  # 変数を設定").
COMMENT_DELIMITER = re.compile(r"^(/\*|\*/|//|\(\*|\*\)|#|#[a-z]+)$|^/\*|\*/$")
# A token alone is code when it is an identifier ("if", "cbind", "FALSE", "is.na"), not a capitalised
# word ("Introduction", "Warning:") nor text without spaces in a script without them.
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_.:$@/-]*[()\[\]]*")
CAPITALISED_WORD = re.compile(r"[A-Z][a-z]+[:.]?")
# Of a block's tokens, at least this share carry code signs ("e.g." in a sentence is one of many).
MIN_CODE_SHARE = 0.2
# Letters of another script than Latin that make a token a word of prose.
MIN_FOREIGN_LETTERS = 2
# Pages with more of their text in monospaced prose than this are typewritten.
MAX_MONOSPACED_PROSE_SHARE = 0.5


def keep_code(blocks: Sequence[TextBlock]) -> list[TextBlock]:
    """The page's blocks, those holding code kept untranslated."""
    if is_typewritten(blocks):
        return list(blocks)
    return [
        block.model_copy(update={"translatable": False}) if _is_code(block) and block.translatable else block
        for block in blocks
    ]


def is_typewritten(blocks: Sequence[TextBlock]) -> bool:
    """Is most of the page's text outside tables monospaced prose (a typewritten page, a plain-text
    printout)? A table's cells tell nothing: a table of commands is monospaced, and they are data_cells'."""
    text = [block for block in blocks if block.cell is None]
    total = sum(len(block.source_text) for block in text)
    prose = sum(
        len(block.source_text) for block in text if is_monospace(block.style.font) and not _is_code(block)
    )
    return total > 0 and prose / total > MAX_MONOSPACED_PROSE_SHARE


def is_identifier(text: str) -> bool:
    """One token naming something in code ("if", "cbind", "FALSE", "is.na"), not a capitalised word
    ("Introduction", "Warning:") nor text without spaces in a script without them."""
    return IDENTIFIER.fullmatch(text) is not None and CAPITALISED_WORD.fullmatch(text) is None


def _is_code(block: TextBlock) -> bool:
    if block.cell is not None or not is_monospace(block.style.font):
        return False
    return reads_as_code(block.source_text)


def reads_as_code(text: str) -> bool:
    """Does monospaced text read as code: a comment, an identifier alone, or enough tokens of code (and
    not as many words in another script than Latin)?"""
    tokens = text.split()
    if not tokens:
        return False
    if any(COMMENT_DELIMITER.search(token) for token in tokens):
        return True  # a comment, in whichever language
    coded = sum(1 for token in tokens if CODE_TOKEN.search(token))
    if sum(1 for token in tokens if _in_another_script(token)) >= max(coded, 1):
        return False  # a caption in Russian around code ("Рис. 3: Результат draw z0..z1"): to translate
    if len(tokens) == 1:
        return is_identifier(tokens[0]) or coded == 1
    return coded >= MIN_CODE_SHARE * len(tokens)


def _in_another_script(token: str) -> bool:
    """Does the token hold a word in a script other than Latin (where code's names are written)?"""
    return sum(1 for char in token if char.isalpha() and not is_latin(char)) >= MIN_FOREIGN_LETTERS
