"""Optional API keys, through the gateway's dependencies in a tiny app of their own (served in-process)."""

import asyncio
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from docrelay_gateway.auth import AdminDep, CallerDep, owner_of
from docrelay_gateway.config import GatewaySettings, settings_dependency
from docrelay_gateway.errors import install_error_handlers

USER_KEYS = "alice-key, bob-key"
ADMIN_KEY = "admin-key"


def app_with_keys(api_keys: str = "", admin_api_keys: str = "") -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    settings = GatewaySettings(api_keys=SecretStr(api_keys), admin_api_keys=SecretStr(admin_api_keys))
    app.dependency_overrides[settings_dependency] = lambda: settings

    @app.get("/whoami")
    def whoami(caller: CallerDep) -> dict[str, Any]:
        return {"owner": caller.owner, "admin": caller.admin}

    @app.get("/admin")
    def admin(caller: AdminDep) -> dict[str, Any]:
        return {"owner": caller.owner}

    return app


def get(app: FastAPI, path: str, **headers: str) -> httpx.Response:
    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            return await client.get(path, headers=headers)

    return asyncio.run(call())


@pytest.fixture
def keyed() -> FastAPI:
    return app_with_keys(USER_KEYS, ADMIN_KEY)


def test_without_keys_everyone_is_an_anonymous_admin() -> None:
    app = app_with_keys()
    assert get(app, "/whoami").json() == {"owner": None, "admin": True}
    assert get(app, "/admin").status_code == 200


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Basic YWxpY2U6eA=="}, {"Authorization": "Bearer "}],
    ids=["no key", "not a bearer token", "empty bearer token"],
)
def test_with_keys_a_request_without_one_is_unauthorized(keyed: FastAPI, headers: dict[str, str]) -> None:
    response = get(keyed, "/whoami", **headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("header", ["Authorization", "X-API-Key"])
def test_a_wrong_key_is_unauthorized_in_either_header(keyed: FastAPI, header: str) -> None:
    value = "Bearer alice-kez" if header == "Authorization" else "alice-kez"
    response = get(keyed, "/whoami", **{header: value})
    assert response.status_code == 401
    assert response.json()["error"] == {"code": "unauthorized", "message": "the API key is not valid"}


def test_a_user_key_gets_a_stable_owner_of_its_own(keyed: FastAPI) -> None:
    alice = get(keyed, "/whoami", Authorization="Bearer alice-key").json()
    assert alice == {"owner": owner_of("alice-key"), "admin": False}
    assert get(keyed, "/whoami", **{"X-API-Key": "alice-key"}).json() == alice
    bob = get(keyed, "/whoami", Authorization="bearer bob-key").json()
    assert bob["owner"] != alice["owner"]
    # A hash, never the key itself.
    assert "alice-key" not in alice["owner"]


def test_an_admin_key_passes_the_admin_check(keyed: FastAPI) -> None:
    response = get(keyed, "/admin", **{"X-API-Key": ADMIN_KEY})
    assert (response.status_code, response.json()) == (200, {"owner": owner_of(ADMIN_KEY)})
    assert get(keyed, "/whoami", Authorization=f"Bearer {ADMIN_KEY}").json()["admin"] is True


def test_a_user_key_is_forbidden_from_admin_endpoints(keyed: FastAPI) -> None:
    response = get(keyed, "/admin", Authorization="Bearer alice-key")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_admin_keys_alone_turn_authentication_on() -> None:
    app = app_with_keys(admin_api_keys=ADMIN_KEY)
    assert get(app, "/whoami").status_code == 401
    assert get(app, "/admin", **{"X-API-Key": ADMIN_KEY}).status_code == 200
