// Talking to the gateway: every request carries the API key (when one is set) as a header, never in a URL.

const KEY_STORAGE = "docrelay.apiKey";

/** A failed request: the API's stable error code and message, or `network` when nothing answered. */
export class ApiFailure extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE) || "";
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

function headers(extra = {}) {
  const key = apiKey();
  return key ? { ...extra, Authorization: `Bearer ${key}` } : extra;
}

async function failureOf(response) {
  try {
    const body = await response.json();
    if (body && body.error) return new ApiFailure(response.status, body.error.code, body.error.message);
  } catch {
    // Not the API's JSON (a proxy's error page): fall through to a generic failure.
  }
  return new ApiFailure(response.status, "http_" + response.status, response.statusText);
}

/** The response of a request to the API (paths are relative, so the page works behind a path prefix). */
export async function send(path, options = {}) {
  let response;
  try {
    response = await fetch(path, { ...options, headers: headers(options.headers) });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiFailure(0, "network", "the server could not be reached");
  }
  if (!response.ok) throw await failureOf(response);
  return response;
}

export async function getJson(path) {
  return (await send(path, { headers: { Accept: "application/json" } })).json();
}

export async function postForm(path, form) {
  return (await send(path, { method: "POST", body: form })).json();
}

/**
 * Reads a Server-Sent Events stream with fetch, so that it can send the Authorization header
 * (EventSource cannot). Calls onEvent({type, data}) per event; resolves when the server ends the stream.
 */
export async function readEvents(path, onEvent, signal) {
  const response = await send(path, { headers: { Accept: "text/event-stream" }, signal, cache: "no-store" });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = "";
  let event = { type: "message", data: [] };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const lines = (pending + value).split(/\r?\n/);
    // The last piece may be half a line; it is completed by the next chunk.
    pending = lines.pop();
    for (const line of lines) {
      if (line === "") {
        if (event.data.length) onEvent({ type: event.type, data: event.data.join("\n") });
        event = { type: "message", data: [] };
      } else if (!line.startsWith(":")) {
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") event.type = text;
        if (field === "data") event.data.push(text);
      }
    }
  }
}
