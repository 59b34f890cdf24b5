"""English names of language tags, for the prompts of the LLM engines, read without the big name table."""

import subprocess
import sys

import pytest

from docrelay_common.languages import language_name


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("es", "Spanish"),
        ("pt-BR", "Portuguese (Brazil)"),
        ("sr-Latn", "Serbian (Latin)"),
        ("eo", "Esperanto"),
    ],
)
def test_a_tag_is_named_with_its_script_and_region(tag: str, name: str) -> None:
    assert language_name(tag) == name


def test_naming_a_language_leaves_the_table_of_every_name_in_every_language_unloaded() -> None:
    # That table costs a process ~280 MB of address space: a memory-capped worker failed a small job on it.
    code = (
        "import sys; from docrelay_common.languages import language_name; language_name('pt-BR'); "
        "print('language_data.name_data' in sys.modules)"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "False"
