"""API fuzzing: schemathesis generates requests for every operation of the running gateway's own OpenAPI
description, with and without an API key; no answer is a 5xx and every error has the documented shape."""

from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings

from tests.hardening.conftest import SECRETS, Hardened

pytestmark = pytest.mark.hardening

# Examples per operation and key: bounded, so the whole fuzz takes well under a minute.
EXAMPLES = 12


def shape_problem(response: requests.Response) -> str | None:
    """What is wrong with an answer, or None: no 5xx, and errors as {"error": {"code", "message"}}."""
    if response.status_code >= 500:
        return f"{response.status_code}: {response.text[:200]}"
    if response.status_code < 400:
        return None
    try:
        error = response.json()["error"]
    except (ValueError, KeyError, TypeError):
        return f"{response.status_code} without the error object: {response.text[:200]}"
    if not (isinstance(error.get("code"), str) and isinstance(error.get("message"), str)):
        return f"{response.status_code} with a malformed error: {error}"
    return None


def fuzz(operation: Any, base_url: str, headers: dict[str, str], problems: list[str]) -> int:
    """Send up to EXAMPLES generated requests to one operation; returns how many were sent."""
    sent = 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def one(case: Any) -> None:
        nonlocal sent
        sent += 1
        response = case.call(base_url=base_url, headers=headers, timeout=30)
        problem = shape_problem(response)
        if problem:
            problems.append(f"{case.method} {case.formatted_path}: {problem}")

    one()
    return sent


@pytest.mark.parametrize(
    "key", [SECRETS.api_key, SECRETS.admin_key, None], ids=["user-key", "admin-key", "no-key"]
)
def test_every_operation_answers_in_shape_and_never_5xx(hardened: Hardened, key: str | None) -> None:
    base_url = hardened.stack.gateway_url
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 12, [operation.label for operation in operations]
    problems: list[str] = []
    sent = sum(fuzz(operation, base_url, headers, problems) for operation in operations)
    assert not problems, "\n".join(problems[:20])
    print(f"{sent} requests to {len(operations)} operations")
    assert sent >= 3 * len(operations)
