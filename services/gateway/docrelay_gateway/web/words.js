// What the page says to people: plain-language errors, stage and state names, ETAs, language names.

let errorMessages = {};

/** Loads the plain-language message of every error code the API has (error-messages.json). */
export async function loadErrorMessages() {
  const response = await fetch("web/error-messages.json");
  if (response.ok) errorMessages = await response.json();
}

const CLIENT_ERRORS = {
  network: "The server could not be reached. Check the connection and try again.",
};

/** A sentence a person can act on, for an API error code. */
export function explain(code) {
  return errorMessages[code] || CLIENT_ERRORS[code] || "Something went wrong.";
}

export const STAGES = [
  ["extract", "Read the PDF"],
  ["translate", "Translate"],
  ["tone", "Adjust the tone"],
  ["reconstruct", "Rebuild the pages"],
];

const STATE_WORDS = {
  queued: "waiting",
  running: "running",
  retrying: "retrying",
  succeeded: "done",
  failed: "failed",
  cancelled: "cancelled",
  skipped: "not run",
};

export function stateWord(state) {
  return STATE_WORDS[state] || state;
}

const STATUS_WORDS = {
  queued: "Waiting in line",
  running: "Working",
  succeeded: "Done",
  failed: "Failed",
  cancelled: "Cancelled",
  expired: "Expired",
};

export function statusWord(status) {
  return STATUS_WORDS[status] || status;
}

/** "about 3 minutes left", from the API's eta_seconds (null while it cannot be estimated). */
export function etaInWords(seconds) {
  if (seconds === null || seconds === undefined) return "estimating the time left";
  if (seconds < 10) return "a few seconds left";
  if (seconds < 60) return "less than a minute left";
  const minutes = Math.round(seconds / 60);
  if (minutes < 2) return "about a minute left";
  if (minutes < 60) return `about ${minutes} minutes left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const hourWords = hours === 1 ? "1 hour" : `${hours} hours`;
  return rest ? `about ${hourWords} ${rest} min left` : `about ${hourWords} left`;
}

const names = typeof Intl.DisplayNames === "function"
  ? new Intl.DisplayNames([navigator.language, "en"], { type: "language", fallback: "code" })
  : null;

/** "Spanish (es)"; pseudo-locales and unknown tags keep their code. */
export function languageName(tag) {
  try {
    const name = names ? names.of(tag) : tag;
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

/** "1 page", "8 pages". */
export function pageCount(count) {
  return count === 1 ? "1 page" : `${count} pages`;
}

export function when(isoTime) {
  return new Date(isoTime).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
