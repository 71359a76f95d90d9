"""rag.overview: which story an overview sums up, and the sentences it takes from it."""

from __future__ import annotations

import numpy as np
import pytest

from rag.overview import named_story

from .factories import leaning, make_doc, unit

pytestmark = pytest.mark.unit


def test_the_story_a_subject_names_is_by_its_outlet_else_the_best_retrieved() -> None:
    wire = make_doc("wire", ["Salon asked the Pentagon about the raid."], [unit(1.0)])
    salon = make_doc("salon", ["Troops raided a ranch.", "Gunmen set up blockades."],
                     [leaning(0.6, 1), leaning(0.6, 2)])
    salon.passage.outlet = "Salon"
    passages, sentences = [wire.passage, salon.passage], wire.sentences + salon.sentences
    doc, title, centroid = named_story("the Salon piece.", passages, sentences)
    assert (doc, title) == ("salon", "Title of salon")  # from Salon, not the story mentioning it
    assert centroid == pytest.approx(np.mean([s.vector for s in salon.sentences], axis=0)
                                     / np.linalg.norm(np.mean([s.vector for s in salon.sentences], axis=0)))
    assert named_story("the article.", passages, sentences)[0] == "wire"  # the best retrieved
    assert named_story("the raid.", passages, sentences) is None  # a topic, not a story
