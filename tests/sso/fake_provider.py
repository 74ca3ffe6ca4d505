"""An OpenID Connect provider in a thread, for tests: discovery, authorization (driven by the test
instead of a person), token endpoint with PKCE, JWKS, UserInfo as JSON or as a signed JWT (as
ProConnect answers), end session. Each part can be made to misbehave, as an attacker or a broken
provider would."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "guichet-test"
CLIENT_SECRET = "un-secret-de-test"


def _new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeProvider:
    def __init__(self) -> None:
        self.key = _new_key()
        self.kid = "cle-1"
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/oidc"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.reset()

    def reset(self) -> None:
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.down = False
        self.userinfo_as_jwt = False
        self.id_token_changes: dict = {}
        self.userinfo_changes: dict = {}
        self.sign_with = self.key
        self.token_requests: list[dict] = []
        self.auth_methods = ["client_secret_post"]

    def __enter__(self) -> FakeProvider:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def discovery_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def metadata(self) -> dict:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "end_session_endpoint": f"{self.url}/logout",
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": self.auth_methods,
        }

    def authorize(self, authorize_url: str, claims: dict) -> str:
        """What the provider does once the person signed in there: the callback address (path and
        query) the browser is sent back to, carrying a one-time code bound to this request."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
        assert query["client_id"] == CLIENT_ID and query["response_type"] == "code"
        assert "openid" in query["scope"].split() and query["code_challenge_method"] == "S256"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"claims": claims, "nonce": query["nonce"], "challenge": query["code_challenge"],
                            "redirect_uri": query["redirect_uri"]}
        callback = urlsplit(query["redirect_uri"])
        return f"{callback.path}?{urlencode({'code': code, 'state': query['state']})}"

    def _sign(self, claims: dict) -> str:
        return jwt.encode(claims, self.sign_with, algorithm="RS256", headers={"kid": self.kid})

    def _token(self, form: dict, authorization: str) -> tuple[int, dict]:
        if authorization.startswith("Basic ") and "client_secret_basic" in self.auth_methods:
            client_id, _colon, secret = base64.b64decode(authorization[6:]).decode().partition(":")
            form = {**form, "client_id": client_id, "client_secret": secret}
        elif "client_secret_post" not in self.auth_methods:
            return 401, {"error": "invalid_client"}
        self.token_requests.append(form)
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return 400, {"error": "invalid_grant"}
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if challenge != grant["challenge"] or form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {"error": "invalid_grant"}
        now = int(time.time())
        access = secrets.token_urlsafe(16)
        self.tokens[access] = grant["claims"]
        id_token = {"iss": self.url, "aud": CLIENT_ID, "sub": grant["claims"]["sub"], "iat": now, "exp": now + 60,
                    "nonce": grant["nonce"], **self.id_token_changes}
        return 200, {"access_token": access, "token_type": "Bearer", "expires_in": 60,
                     "id_token": self._sign({k: v for k, v in id_token.items() if v is not None})}

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _answer(self, status: int, body, content_type: str = "application/json") -> None:
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                path = urlsplit(self.path).path.removeprefix("/oidc")
                if provider.down:
                    return self._answer(503, {"error": "unavailable"})
                if path == "/.well-known/openid-configuration":
                    return self._answer(200, provider.metadata())
                if path == "/jwks":
                    jwk = json.loads(RSAAlgorithm.to_jwk(provider.key.public_key()))
                    return self._answer(200, {"keys": [{**jwk, "kid": provider.kid, "alg": "RS256", "use": "sig"}]})
                if path == "/userinfo":
                    claims = provider.tokens.get(self.headers.get("Authorization", "").removeprefix("Bearer "))
                    if claims is None:
                        return self._answer(401, {"error": "invalid_token"})
                    claims = {**claims, **provider.userinfo_changes}
                    if provider.userinfo_as_jwt:
                        signed = provider._sign({"iss": provider.url, "aud": CLIENT_ID, **claims})
                        return self._answer(200, signed, "application/jwt")
                    return self._answer(200, claims)
                return self._answer(404, {"error": "not_found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlsplit(self.path).path.removeprefix("/oidc") == "/token" and not provider.down:
                    return self._answer(*provider._token(form, self.headers.get("Authorization", "")))
                return self._answer(404, {"error": "not_found"})

        return Handler

    def other_key(self):
        return _new_key()
