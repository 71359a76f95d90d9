"""rag.text: terms, coverage, the support formula, citation markers, chunk ids, URL hosts."""

from __future__ import annotations

import pytest

from rag.markers import UNVERIFIED, parse_markers, strip_markers, with_marker
from rag.text import (Coverage, acronyms_joined, canonical_terms, chunk_id, split_chunk_id, names_in, support,
                      url_host, with_apostrophes)

pytestmark = pytest.mark.unit


# -- canonical_terms ----------------------------------------------------------------------

def test_canonical_terms_are_stemmed_and_lower_cased() -> None:
    assert canonical_terms("Flights Suspended") == {"flight", "suspend"}


def test_canonical_terms_drop_question_filler_and_stop_words() -> None:
    assert canonical_terms("How many of them were there?") == set()
    assert canonical_terms("What is the reward?") == {"reward"}


@pytest.mark.parametrize("word", ["died", "killed", "dead", "death", "slain", "murdered"])
def test_death_words_fold_into_one_term(word: str) -> None:
    assert canonical_terms(f"Guards {word}") == {"guard", "kill"}


@pytest.mark.parametrize(("form", "verb"), [("left", "leave"), ("hid", "hide"), ("fled", "flee"), ("lost", "lose")])
def test_irregular_verb_forms_are_their_verb(form: str, verb: str) -> None:
    assert canonical_terms(f"she {form}") == canonical_terms(f"she {verb}")


def test_regular_forms_and_forms_that_are_verbs_themselves_keep_their_stem() -> None:
    assert canonical_terms("lives guards news crew wounded wound") == {"live", "guard", "news", "crew", "wound"}


def test_names_and_synonym_keys_are_not_taken_for_verb_forms() -> None:
    assert canonical_terms("Rose and Drew") == {"rose", "drew"}  # capitalised: names
    assert canonical_terms("guards slain") == {"guard", "kill"}  # "slain" is a synonym key


def test_the_united_states_is_one_term_however_abbreviated_but_not_the_pronoun_us() -> None:
    assert canonical_terms("the U.S. role") == canonical_terms("the US role") == canonical_terms("USA role")
    assert canonical_terms("the US role") != canonical_terms("told us the role")
    assert acronyms_joined("the U.N. and the U.S.A.") == "the UN and the USA"
    assert canonical_terms("u.s troops") == canonical_terms("the us troops") == canonical_terms("U.S. troops")
    assert canonical_terms("they told us") == canonical_terms("they told") | {"us"}  # the pronoun
    assert canonical_terms("U.S. officials") == canonical_terms("American officials")  # one country
    assert not canonical_terms("a United Nations unit") & canonical_terms("U.S.")  # not "unit(ed)"


def test_reacting_is_responding() -> None:
    assert canonical_terms("how did they react") == canonical_terms("how did they respond")
    assert canonical_terms("the reaction") == canonical_terms("in response") == canonical_terms("the responses")
    assert not canonical_terms("who was responsible") & canonical_terms("they responded")  # not "respons-ible"


def test_a_birthplace_is_where_one_was_born() -> None:
    assert canonical_terms("born") <= canonical_terms("Aguililla, El Mencho's birthplace")
    assert canonical_terms("his birth") == canonical_terms("he was born")


def test_synonyms_fold_troops_into_soldiers() -> None:
    assert canonical_terms("troops") == canonical_terms("soldiers") == {"soldier"}


def test_a_roadblock_is_a_blockade_and_a_title_s_abbreviation_is_the_title() -> None:
    assert canonical_terms("roadblocks") == canonical_terms("blockades")
    assert canonical_terms("Gen. Ricardo Trevilla") >= canonical_terms("general")
    assert canonical_terms("Adm. Raymundo Morales") >= canonical_terms("admiral")


# -- Coverage and support -----------------------------------------------------------------

def test_coverage_is_the_idf_weighted_share_of_terms_found() -> None:
    weights = {"guard": 3.0, "kill": 1.0}
    cover = Coverage({"guard", "kill"}, weights.__getitem__)
    assert cover({"guard", "kill", "other"}) == 1.0
    assert cover({"guard"}) == 0.75
    assert cover({"kill"}) == 0.25
    assert cover(set()) == 0.0


def test_coverage_of_no_terms_is_zero_not_a_division_error() -> None:
    cover = Coverage(set(), lambda term: 1.0)
    assert cover.total == 1.0
    assert cover({"anything"}) == 0.0


def test_coverage_of_zero_weight_terms_is_zero() -> None:
    assert Coverage({"a", "b"}, lambda term: 0.0)({"a"}) == 0.0


@pytest.mark.parametrize(("cosine", "coverage", "w", "expected"), [
    (0.8, 0.5, 0.5, 0.65), (0.8, 0.5, 1.0, 0.8), (0.8, 0.5, 0.0, 0.5), (1.0, 0.0, 0.25, 0.25),
])
def test_support_weighs_cosine_against_coverage(cosine: float, coverage: float, w: float,
                                                expected: float) -> None:
    assert support(cosine, coverage, w) == pytest.approx(expected)


# -- markers --------------------------------------------------------------------------------

def test_parse_markers_in_order_of_appearance() -> None:
    assert parse_markers("A [3]. B [1]. C [3].") == [3, 1, 3]


def test_parse_markers_lists_and_ranges() -> None:
    assert parse_markers("[1, 3]") == [1, 3]
    assert parse_markers("[1,2 , 3]") == [1, 2, 3]
    assert parse_markers("[2-4]") == [2, 3, 4]
    assert parse_markers("[2–4]") == [2, 3, 4]  # en dash


def test_parse_markers_keeps_only_the_ends_of_absurd_or_reversed_ranges() -> None:
    assert parse_markers("[1-100]") == [1, 100]  # wider than 50
    assert parse_markers("[1-51]") == list(range(1, 52))  # exactly 50 wide is expanded
    assert parse_markers("[3-1]") == [3, 1]


def test_parse_markers_ignores_non_markers() -> None:
    assert parse_markers("no [a] [ 1] (2) [] markers") == []


def test_strip_markers_removes_markers_and_the_space_before_them() -> None:
    assert strip_markers("Seven died [1][2]. Nine fled [3, 4] today [2-3].") == "Seven died. Nine fled today."


def test_strip_markers_removes_unverified() -> None:
    assert strip_markers(f"Maybe more [3] {UNVERIFIED}. Also{UNVERIFIED}") == "Maybe more. Also"


def test_with_marker_puts_the_number_after_the_trimmed_sentence() -> None:
    assert with_marker("Seven died.  \n", 12) == "Seven died. [12]"


# -- chunk ids ------------------------------------------------------------------------------

@pytest.mark.parametrize(("doc_id", "index"), [("a/b.md", 0), ("x::c.md", 7), ("", 3), ("a::c1", 2)])
def test_chunk_id_round_trips(doc_id: str, index: int) -> None:
    assert split_chunk_id(chunk_id(doc_id, index)) == (doc_id, index)


@pytest.mark.parametrize("value", ["b.md", "a::c", "a::cx", "a::c-1", "a::c 1", ""])
def test_split_chunk_id_of_a_non_id_is_none(value: str) -> None:
    assert split_chunk_id(value) is None


# -- url_host -------------------------------------------------------------------------------

def test_url_host_never_shows_credentials_path_or_query() -> None:
    shown = url_host("https://user:secret@api.example.com:8443/v1/chat?key=sk-123#frag")
    assert shown == "api.example.com:8443"


def test_url_host_uses_the_default_port_only_when_none_is_given() -> None:
    assert url_host("http://h", 8000) == "h:8000"
    assert url_host("http://h:9000", 8000) == "h:9000"
    assert url_host("http://h") == "h"


@pytest.mark.parametrize("url", [None, "", "not a url", "/just/a/path", "http://"])
def test_url_host_without_a_host_is_a_question_mark(url: str | None) -> None:
    assert url_host(url, 8000) == "?"



def test_with_apostrophes() -> None:
    assert with_apostrophes("whats the toll, and why didnt they stop? cant say") == \
        "what's the toll, and why didn't they stop? can't say"
    assert with_apostrophes("Whatsapp whatt") == "Whatsapp whatt"


def test_each_thread_stems_with_its_own_stemmer() -> None:
    import threading

    from rag.text import stemmer

    other: list[object] = []
    thread = threading.Thread(target=lambda: other.append(stemmer()))
    thread.start()
    thread.join()
    assert stemmer() is stemmer() and other[0] is not stemmer()
    assert stemmer().stemWord("killed") == "kill"


@pytest.mark.parametrize(("typed", "meant"), [
    ("Is Dont Look Up about this?", "Is Dont Look Up about this?"),  # a title keeps its spelling
    ("as was his wont, whats next", "as was his wont, what's next"),
    ("why didnt they. Didnt they?", "why didn't they. Didn't they?"),
    ("did they tell her whats next?", "did they tell her what's next?"),
    ("Hey, Whats the toll?", "Hey, What's the toll?"),
])
def test_titles_and_nouns_keep_their_spelling(typed: str, meant: str) -> None:
    assert with_apostrophes(typed) == meant


def test_take_place_is_an_idiom_for_happen_not_a_place() -> None:
    assert canonical_terms("Where did the raid take place?") == {"raid"}  # not "shelter in place"
    assert "place" in canonical_terms("They were told to shelter in place.")


def test_names_leave_out_the_asker_and_the_first_word_of_a_later_sentence() -> None:
    assert names_in(" How many blockades went up across Mexico? I've seen different totals.") == ["Mexico"]
    assert names_in("Who was arrested in Tapalpa. I'd like names.") == ["Tapalpa"]  # two sentences
    assert names_in("Who died? What happened in Tapalpa? In Zapopan?") == ["Tapalpa", "Zapopan"]
    assert names_in("Who died? Sheinbaum said what?") == ["Sheinbaum"]  # a name may open one
    assert names_in("Who died? New York reacted. China too?") == ["New York", "China"]  # words of a name
    assert names_in("Did Gen. Ricardo Trevilla brief the U.S. Embassy?") == ["Gen. Ricardo Trevilla", "U.S. Embassy"]
    assert names_in("What happened on Sept. 12 in Tapalpa?") == ["Tapalpa"]


def test_a_title_s_abbreviation_is_read_only_before_a_name() -> None:
    assert "general" not in canonical_terms("Gen Z protesters marched")
