"""REF matching: normalization and the lazily built index of names and aliases."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from lunarfacts.files import bundled_path
from lunarfacts.loader import load_facts
from lunarfacts.refs import RefIndex, entries_of, normalize


def _reference_normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalnum()).casefold()


@given(st.text(max_size=40) | st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_normalize_is_the_same_on_its_ascii_shortcut(text: str) -> None:
    assert normalize(text) == _reference_normalize(text)


def test_normalize_examples() -> None:
    assert normalize("Chang'e 5") == "change5"
    assert normalize("Chang’e-5") == "change5"
    assert normalize("Éxito") == "exito"
    assert normalize("嫦娥五号") == "嫦娥五号"
    assert normalize("STRASSE") == normalize("straße")


def test_an_exact_id_resolves_without_building_the_name_index() -> None:
    index = RefIndex(entries_of(load_facts([bundled_path()]).base))
    assert index.resolve("change-5")[0] == "change-5"
    assert index._by_key is None
    assert index.resolve("Chang'e 5")[0] == "change-5"  # a name does build it
    assert index._by_key is not None
