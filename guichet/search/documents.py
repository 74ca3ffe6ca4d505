"""What the engine searches: a document's texts, its facets and its other language versions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from guichet.search.passages import passage_texts


@dataclass(frozen=True)
class Document:
    id: str
    answer: str
    question: str = ""
    keywords: str = ""
    facet_labels: str = ""
    facets: Mapping[str, frozenset[str]] = field(default_factory=dict)
    translations: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # language: (question, answer)

    def fields(self, language: str = "fr") -> dict[str, str]:
        """The texts of each lexical field, in ``language`` where this document has that version."""
        question, answer = self.translations.get(language) or (self.question, self.answer)
        return {"question": question, "keywords": self.keywords, "facets": self.facet_labels, "answer": answer}

    def passage_text(self) -> str:
        """The whole text given to the encoder: the question (when there is one) then the answer."""
        return _whole(self.question, self.answer)

    def passage_texts(self) -> list[str]:
        """Every text the encoder reads for this document: the whole, then its parts (``passages``),
        then each other language version whole. A document scores its best (MaxP): an English
        question meets the English version, not only a French text across languages."""
        versions = [_whole(question, answer) for question, answer in self.translations.values()]
        return passage_texts(self.question, self.answer) + versions


def _whole(question: str, answer: str) -> str:
    return f"{question}\n{answer}" if question else answer


def all_passage_texts(documents: Sequence[Document]) -> list[str]:
    """The passages of ``documents``, in order: what the vectors given to ``SearchEngine`` embed."""
    return [text for d in documents for text in d.passage_texts()]
