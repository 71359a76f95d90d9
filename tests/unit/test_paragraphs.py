"""Paragraph helpers: which sentences share a paragraph, and the time one opens with."""

import pytest

from rag.paragraphs import dated, dated_before, one_paragraph

pytestmark = pytest.mark.unit

PASSAGE = ("By Tuesday, 24 February, the picture had eased. The embassy said the alert was lifted.\n\n"
           "In Jalisco, roads reopened. Shops opened.")


def test_one_paragraph() -> None:
    assert one_paragraph(PASSAGE, "By Tuesday, 24 February, the picture had eased.",
                         "The embassy said the alert was lifted.")
    assert not one_paragraph(PASSAGE, "The embassy said the alert was lifted.", "In Jalisco, roads reopened.")


def test_dated_before_needs_a_time_opening_the_same_paragraph() -> None:
    assert dated_before("By Tuesday, 24 February, the picture had eased.", "The embassy said the alert was lifted.",
                        PASSAGE)
    assert not dated_before("In Jalisco, roads reopened.", "Shops opened.", PASSAGE)  # a place, no time
    assert not dated_before("By Tuesday, 24 February, the picture had eased.", "Shops opened.", PASSAGE)
    assert not dated_before(None, "Shops opened.", PASSAGE)
    said = "Officials said on Monday, roads reopened.\n\nShops opened."
    assert not dated_before("Officials said on Monday, roads reopened.", "Shops opened.", said.replace("\n\n", " "))


def test_a_paragraph_without_a_date_is_read_with_the_opening() -> None:
    assert dated("Shops opened.", PASSAGE, "On 22 February gunmen blocked roads.").endswith("blocked roads.")
    assert dated("The embassy said the alert was lifted.", PASSAGE, "On 22 February ...") == PASSAGE
