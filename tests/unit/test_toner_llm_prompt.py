"""What the toner asks a chat model, how it reads the answer, and which rewrites it trusts."""

import json

from docrelay_common.chat_segments import numbered_segments, parse_segments
from docrelay_common.constants import Tone
from docrelay_toner.llm import keeps_protected_spans, prompt


def test_the_prompt_names_the_language_the_register_and_the_count() -> None:
    system, user = prompt(["Hola", "Puedes ver tu pedido 42."], "es", Tone.FORMAL)
    assert (system["role"], user["role"]) == ("system", "user")
    assert "Spanish" in system["content"] and "register is formal" in system["content"]
    assert "usted" in system["content"] and "numbers, URLs, e-mail addresses" in system["content"]
    assert "JSON array of 2 strings" in system["content"]
    assert json.loads(user["content"]) == {"1": "Hola", "2": "Puedes ver tu pedido 42."}
    informal, _ = prompt(["Sie können"], "de", Tone.INFORMAL)
    assert "German" in informal["content"] and "register is informal" in informal["content"]


def test_a_numbered_question_and_its_answers_make_a_round_trip() -> None:
    texts = ['Él dijo "sí"', "línea\notra", "{0} <b>"]
    assert parse_segments(numbered_segments(texts)) == texts
    assert parse_segments(f"Sure:\n```json\n{json.dumps(texts)}\n```") == texts
    assert parse_segments("I cannot help with that.") is None


def test_a_rewrite_must_keep_numbers_urls_and_addresses() -> None:
    text = "Pedido 42 de 3,5 kg: escribe a ayuda@example.com o visita https://example.com/a?b=1."
    kept = "Pedido 42 de 3.5 kg: escriba a ayuda@example.com o visite https://example.com/a?b=1."
    assert keeps_protected_spans(text, kept)
    assert keeps_protected_spans("Tienes 2 y 2.", "Usted tiene 2 y 2.")
    assert not keeps_protected_spans(text, kept.replace("42", "cuarenta y dos"))
    assert not keeps_protected_spans(text, kept.replace("ayuda@example.com", "nuestro soporte"))
    assert not keeps_protected_spans(text, kept.replace("https://example.com/a?b=1", "nuestra web"))
    assert not keeps_protected_spans("Tienes 2 y 2.", "Usted tiene 2.")
    assert keeps_protected_spans("Sin números.", "Sin cifras.")
    # Formula tokens: the reconstructor draws each formula where its token ends up.
    assert keeps_protected_spans("Si \U000f0000 es par.", "Si \U000f0000 fuera par.")
    assert not keeps_protected_spans("Si \U000f0000 es par.", "Si es par.")
    # A block's inline code, as often as it was written.
    assert keeps_protected_spans("Da TRUE si es NA.", "Dará TRUE si es NA.", ["TRUE", "NA"])
    assert not keeps_protected_spans("Da TRUE si es NA.", "Dará true si es NA.", ["TRUE", "NA"])
