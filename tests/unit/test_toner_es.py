"""Spanish tone rules: formal addresses the reader as "usted", informal as "tú"."""

import pytest

from docrelay_common.constants import Tone
from docrelay_toner.rules.es import NOUN_HOMOGRAPHS, PREPOSITIONS, VERB_FORMS
from docrelay_toner.tone import apply_tone


def formal(text: str) -> str:
    return apply_tone(text, "es", Tone.FORMAL)


def informal(text: str) -> str:
    return apply_tone(text, "es", Tone.INFORMAL)


def test_verb_table_can_be_read_in_both_directions() -> None:
    assert len(set(VERB_FORMS.values())) == len(VERB_FORMS)
    assert not set(VERB_FORMS) & set(VERB_FORMS.values())


@pytest.mark.parametrize(("second", "third"), sorted(VERB_FORMS.items()))
def test_tu_with_every_table_verb_round_trips(second: str, third: str) -> None:
    assert formal(f"Sé que tú {second} algo.") == f"Sé que usted {third} algo."
    assert informal(f"Sé que usted {third} algo.") == f"Sé que tú {second} algo."
    assert formal(f"Tú no {second} nada.") == f"Usted no {third} nada."
    assert informal(f"Usted no {third} nada.") == f"Tú no {second} nada."


def test_contigo_round_trips() -> None:
    assert formal("Voy contigo.") == "Voy con usted."
    assert informal("Voy con usted.") == "Voy contigo."


@pytest.mark.parametrize("preposition", PREPOSITIONS)
def test_ti_after_a_preposition_round_trips(preposition: str) -> None:
    assert formal(f"Es {preposition} ti.") == f"Es {preposition} usted."
    assert informal(f"Es {preposition} usted.") == f"Es {preposition} ti."


def test_possessives_become_su_in_formal_text_only() -> None:
    assert formal("Tu casa y tus libros.") == "Su casa y sus libros."
    assert formal("Vuestro coche, vuestra casa, vuestros libros y vuestras ideas.") == (
        "Su coche, su casa, sus libros y sus ideas."
    )
    assert informal("Su casa y sus libros.") == "Su casa y sus libros."


def test_apertium_output_without_a_subject_becomes_formal() -> None:
    assert formal("Puedes ver vuestros resultados.") == "Puede ver sus resultados."
    assert formal("¿Tienes tiempo? No sabes la respuesta.") == "¿Tiene tiempo? No sabe la respuesta."


def test_sentences_with_tu_or_te_keep_unpaired_verbs() -> None:
    assert formal("Si quieres, te llamo.") == "Si quieres, te llamo."
    assert formal("Tú y yo sabemos que puedes.") == "Tú y yo sabemos que puedes."
    assert formal("Te veo. Puedes venir.") == "Te veo. Puede venir."


def test_noun_homographs_change_only_after_tu() -> None:
    for noun in NOUN_HOMOGRAPHS:
        assert formal(f"Los {noun} de luz.") == f"Los {noun} de luz."
        assert formal(f"Tú {noun} bien.") == f"Usted {VERB_FORMS[noun]} bien."


def test_third_person_without_usted_is_not_made_informal() -> None:
    text = "Él puede venir y ella tiene tiempo. Ustedes pueden."
    assert informal(text) == text


def test_case_is_kept() -> None:
    assert formal("TÚ ERES MI AMIGO. Tú eres. tú eres.") == "USTED ES MI AMIGO. Usted es. usted es."
    assert informal("Usted es. USTED ES.") == "Tú eres. TÚ ERES."
    assert formal("Contigo. Tus ideas.") == "Con usted. Sus ideas."


def test_accented_pronoun_is_not_the_possessive() -> None:
    assert formal("Lo haces tú.") == "Lo haces tú."
    assert formal("Es tu turno.") == "Es su turno."


def test_whole_words_only() -> None:
    text = "Tuesday, tutor, tuyo, ustedes, Ustedes, hasta, vasto, tiempo, vestido, testigo."
    assert formal(text) == text
    assert informal(text) == text
