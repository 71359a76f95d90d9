"""rag.people: which names can be a person's, names without their titles, nicknames' surnames."""

from __future__ import annotations

import pytest

from rag.people import is_person_like, learn_aliases, nicknames_asked, untitled

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("name", "person"), [
    ("Karoline Leavitt", True), ("Oseguera", True), ("White House", False), ("Reporting", False),
    ("U.S.", False), ("CJNG", False), ("The", False), ("Mr. Rubio", True), ("Gen. Ricardo Trevilla", True),
    ("Press Secretary Karoline Leavitt", True), ("Secretary", False), ("President Monday", False),
    ("Secretary of State", False), ("General Motors", False), ("Secretary General", False),
    ("Judge Rules", False), ("Minister Of Finance", False),
    ("Trump", False), ("President Trump", False),  # a surname that is also a word: not known as one
    ("White House Press Secretary Karoline Leavitt", True), ("Navy Secretary Adm. Raymundo Morales", True),
    ("Mexico", False), ("Guadalajara", False), ("Six", False), ("Mexican", False),  # WordNet: no one's name
    ("Mr. Toledo", True), ("Ms. Florence", True),  # unless a title says it is someone's
])
def test_is_person_like(name: str, person: bool) -> None:
    assert is_person_like(name) is person


def test_untitled_drops_the_titles_before_a_name() -> None:
    assert untitled("White House Press Secretary Karoline Leavitt") == "Karoline Leavitt"
    assert untitled("Navy Secretary Adm. Raymundo Morales") == "Raymundo Morales"
    assert untitled("Secretary") == "Secretary" and untitled("Omar García Harfuch") == "Omar García Harfuch"


def test_a_nickname_is_the_surname_written_after_it_in_a_full_name() -> None:
    text = 'Nemesio “El Mencho” Oseguera Cervantes died. Joaquín "El Chapo" Guzmán\'s sons fought on.'
    assert learn_aliases(text) == {"el mencho": "Oseguera", "el chapo": "Guzmán"}
    assert learn_aliases('Ana "La Jefa" Ruiz and Eva "La Jefa" Soto.') == {}  # two surnames: whose?
    assert learn_aliases('His son, "El Menchito", was jailed.') == {}  # no full name around it
    assert learn_aliases('# Mexico Kills "El Mencho" Cartel Boss') == {}  # a headline's word is no surname
    shouted = 'NEMESIO "EL MENCHO" OSEGUERA: Nemesio "El Mencho" Oseguera died.'  # a byline's capitals
    assert learn_aliases(shouted) == {"el mencho": "Oseguera"}


def test_nicknames_asked_are_the_aliases_a_question_says_as_words() -> None:
    aliases = {"el mencho": "Oseguera", "el 03": "Valencia"}
    assert nicknames_asked("Where was El Mencho born?", aliases) == [("el mencho", "Oseguera")]
    assert nicknames_asked("Where was El Menchito born?", aliases) == []  # not inside another word
