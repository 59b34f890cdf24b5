"""The web page's files as the running gateway serves them: at `/` and `/web/`, with a strict policy."""

import httpx

SERVED = {
    "/": "text/html",
    "/web/app.js": "javascript",
    "/web/style.css": "text/css",
    "/web/error-messages.json": "application/json",
    "/web/icon.svg": "image/svg+xml",
}


def test_the_page_and_its_files_are_served_with_a_strict_security_policy(gateway: httpx.Client) -> None:
    for path, kind in SERVED.items():
        answer = gateway.get(path)
        assert answer.status_code == 200, path
        assert kind in answer.headers["content-type"], path
        policy = answer.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy, path
        assert answer.headers["x-content-type-options"] == "nosniff"
    assert gateway.get("/web/missing.js").status_code == 404
    # The page is not an API resource: it stays out of the API's description.
    assert "/" not in gateway.get("/openapi.json").json()["paths"]
