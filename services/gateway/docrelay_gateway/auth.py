"""Optional API keys: who is calling, which jobs they own, whether they may administer."""

import hashlib
import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header

from docrelay_common.errors import ErrorCode
from docrelay_gateway.config import GatewaySettings, settings_dependency
from docrelay_gateway.errors import ApiError


@dataclass(frozen=True)
class Caller:
    # A hash of the caller's key (never the key itself): stored on jobs to scope them. None: keys off.
    owner: str | None
    admin: bool


def owner_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _presented_key(authorization: str | None, x_api_key: str | None) -> str | None:
    if x_api_key:
        return x_api_key.strip()
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


def _matches(key: str, keys: frozenset[str]) -> bool:
    # Compare against every key in constant time, so timing does not reveal a key's prefix.
    return any([hmac.compare_digest(key.encode(), known.encode()) for known in keys])


async def current_caller(
    settings: Annotated[GatewaySettings, Depends(settings_dependency)],
    authorization: Annotated[str | None, Header()] = None,
    x_api_key: Annotated[str | None, Header()] = None,
) -> Caller:
    user_keys, admin_keys = settings.key_set(), settings.key_set(admin=True)
    if not user_keys and not admin_keys:
        return Caller(owner=None, admin=True)
    key = _presented_key(authorization, x_api_key)
    if key is None:
        raise ApiError(
            401, ErrorCode.UNAUTHORIZED, "an API key is required: send Authorization: Bearer <key>"
        )
    is_admin = _matches(key, admin_keys)
    if not is_admin and not _matches(key, user_keys):
        raise ApiError(401, ErrorCode.UNAUTHORIZED, "the API key is not valid")
    return Caller(owner=owner_of(key), admin=is_admin)


async def require_admin(caller: Annotated[Caller, Depends(current_caller)]) -> Caller:
    if not caller.admin:
        raise ApiError(403, ErrorCode.FORBIDDEN, "this endpoint needs an admin API key")
    return caller


CallerDep = Annotated[Caller, Depends(current_caller)]
AdminDep = Annotated[Caller, Depends(require_admin)]
