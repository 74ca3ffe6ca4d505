"""What the API reads and writes, as typed schemas (OpenAPI is generated from them)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import model_validator
from pydantic.config import JsonDict

from guichet.limits import MAX_ANSWER_LENGTH, MAX_KEYWORDS_LENGTH, MAX_QUESTION_LENGTH, MAX_SLUG_LENGTH

SLUG_PATTERN = r"^[-a-z0-9]{1,120}$"
Status = Literal["draft", "published", "archived"]
Language = Literal["fr", "en"]


class ErrorOut(Schema):
    message: str = Field(description="What went wrong, in words a person can act on")
    field: str | None = Field(None, description="The parameter or body field at fault, when there is one")


class FacetValueOut(Schema):
    slug: str
    label: str
    count: int = Field(description="Published entries with this value")


class FacetOut(Schema):
    key: str = Field(description="The name of the query parameter value: key:slug")
    label: str
    question: str
    values: list[FacetValueOut]


class TranslationOut(Schema):
    question: str
    answer: str = Field(description="Markdown")
    answer_html: str
    outdated: bool = Field(description="The French version changed since this translation was written")


class AttachmentOut(Schema):
    url: str = Field(description="The file: an image to show, or a document to download")
    name: str
    content_type: str
    size: int = Field(description="Bytes")
    description: str = Field(description="An image's alternative text, or a document's link text (may be empty)")
    width: int | None = Field(None, description="Images only, in pixels")
    height: int | None = None


class EntryOut(Schema):
    slug: str
    url: str = Field(description="The entry's page: cite it")
    title: str = Field(description="The question, or the answer's first sentence when it has none")
    question: str
    answer: str = Field(description="The answer in Markdown, as editors wrote it")
    answer_html: str = Field(description="The answer as sanitized HTML")
    keywords: str
    status: Status
    facets: dict[str, list[str]]
    translations: dict[str, TranslationOut] = Field(default_factory=dict, description="Other language versions, by language")
    attachments: list[AttachmentOut] = Field(default_factory=list, description="Images and documents shown with the answer")
    created_at: datetime
    updated_at: datetime
    checked_at: datetime | None = Field(None, description="When an editor last checked the content; null when "
                                                         "unknown (imported without the date)")
    valid_until: date | None = Field(None, description="The last day the answer holds, when it has one")
    revision: int = Field(description="The number of the latest revision: send it back (If-Match, or revision) to change "
                                      "the entry")


class EntryPageOut(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(description="The next page's address, or null on the last page")
    items: list[EntryOut]


class SearchHitOut(Schema):
    slug: str
    url: str
    title: str
    score: float
    excerpt: str
    facets: dict[str, list[str]]


class SearchOut(Schema):
    query: str
    language: Language = Field(description="The language the query was read in (stemming, stop words)")
    facets: list[str]
    answered: bool = Field(description="False when no published entry answers the query (hits is then empty)")
    clear: bool = Field(description="True when the first hit clearly answers the query")
    sure: bool = Field(description="False when the query is answered with low confidence: the hits may only be "
                                   "close to it")
    confidence: float | None = Field(description="Probability that the first hit answers the query")
    total: int
    hits: list[SearchHitOut]


class VoteIn(Schema):
    helpful: bool = Field(description="Answer to « Cette réponse vous a-t-elle été utile ? »")


class VoteOut(Schema):
    entry: str
    helpful: bool


# The entry's rules (lengths, statuses, addresses) are checked by the service, in the words the
# back-office form and the importer use (guichet.faq.schemas.EntryContent); the schema documents them.
def _documented(limit: int, **extra: int) -> JsonDict:
    return {"maxLength": limit, **extra}


STATUS_DOC: JsonDict = {"enum": ["draft", "published", "archived"]}


class EntryIn(Schema):
    answer: str = Field(description="Markdown", json_schema_extra=_documented(MAX_ANSWER_LENGTH, minLength=1))
    question: str = Field("", json_schema_extra=_documented(MAX_QUESTION_LENGTH))
    keywords: str = Field("", json_schema_extra=_documented(MAX_KEYWORDS_LENGTH))
    facets: dict[str, list[str]] = Field(default_factory=dict, description='{"couloir": ["hopital"]}')
    slug: str = Field("", description="Chosen from the question when empty", json_schema_extra=_documented(MAX_SLUG_LENGTH))
    status: str = Field("draft", json_schema_extra=STATUS_DOC)


class EntryPatchIn(Schema):
    answer: str | None = Field(None, json_schema_extra=_documented(MAX_ANSWER_LENGTH, minLength=1))
    question: str | None = Field(None, json_schema_extra=_documented(MAX_QUESTION_LENGTH))
    keywords: str | None = Field(None, json_schema_extra=_documented(MAX_KEYWORDS_LENGTH))
    facets: dict[str, list[str]] | None = None
    slug: str | None = Field(None, json_schema_extra=_documented(MAX_SLUG_LENGTH))
    status: str | None = Field(None, json_schema_extra=STATUS_DOC)
    revision: int | None = Field(None, ge=0, description="The revision you read (or send If-Match: \"<revision>\"): "
                                                         "a change on top of a later one is refused with 409")

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, data: Any) -> Any:
        # ninja hands the body over wrapped (DjangoGetter): an array would read as "every field absent".
        if not isinstance(getattr(data, "_obj", data), dict):
            raise ValueError("the body must be a JSON object of the fields to change")
        return data

    def changes(self) -> dict[str, Any]:
        """The fields given, the revision aside."""
        return self.model_dump(exclude_none=True, exclude={"revision"})


class DuplicateOut(Schema):
    slug: str
    url: str
    title: str
    score: float


class ProposalOut(Schema):
    id: int
    entry: str = Field(description="The slug of the entry it changes")
    state: Literal["pending", "approved", "returned", "withdrawn"]
    status: Status = Field(description="The entry's status once the proposal is approved")
    base_revision: int = Field(description="The revision it was made from: approving it on a later one is refused")
    proposed_by: str
    proposed_at: datetime


class EntryWriteOut(Schema):
    entry: EntryOut = Field(description="The entry as visitors and editors now find it")
    duplicates: list[DuplicateOut] = Field(description="Published entries that probably answer the same question")
    proposal: ProposalOut | None = Field(None, description="Under four-eyes publishing (answer 202), the write kept "
                                                           "for another editor to approve in the back-office; the entry "
                                                           "is unchanged until then (a new one is a draft)")


ExportOut = dict[str, Any]
