import pytest

from guichet.api.tokens import create_token


@pytest.fixture
def write_token(editor) -> str:
    return create_token(editor, "script de publication", "write").secret


@pytest.fixture
def read_token(editor) -> str:
    return create_token(editor, "lecture seule", "read").secret


@pytest.fixture
def bearer():
    return lambda secret: {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
