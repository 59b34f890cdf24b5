"""The prompt a chat model gets for a batch of segments to translate (its answer is read by
docrelay_common.chat_segments, shared with the toner)."""

from docrelay_common.chat_segments import numbered_segments
from docrelay_common.languages import language_name


def prompt(texts: list[str], source: str, target: str) -> list[dict[str, str]]:
    """Chat messages asking for the translation of `texts`, numbered from 1, as a JSON array."""
    instructions = (
        f"You are a professional translator. Translate each segment of the JSON object the user sends "
        f"from {language_name(source)} to {language_name(target)}. The segments are consecutive pieces "
        "of one document: translate each on its own, even when it is a fragment of a sentence. Keep "
        "markup, URLs, e-mail addresses, code, numbers and symbols exactly as they are; characters from "
        "U+E000 to U+F8FF are placeholders for such spans: copy each one to its place in the translation. "
        f"Answer with only a JSON array of {len(texts)} strings, the translations in the same order."
    )
    return [
        {"role": "system", "content": instructions},
        {"role": "user", "content": numbered_segments(texts)},
    ]
