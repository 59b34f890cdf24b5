// One job as a card: status, progress, the four stages, engine path, notices, errors and its buttons.

import { STAGES, etaInWords, explain, languageName, pageCount, stateWord, statusWord } from "./words.js";

export const FINAL = new Set(["succeeded", "failed", "cancelled", "expired"]);

// Failures of the document or the request itself: running the job again would fail the same way.
const RETRY_CANNOT_HELP = new Set([
  "pdf_encrypted", "pdf_corrupt", "pdf_no_text", "pdf_empty", "unsupported_language_pair", "language_undetected",
  "pdf_too_many_pages", "char_limit_exceeded",
]);

const LAYOUT_WORDS = { translated: "translated pages", bilingual: "side by side", alternating: "alternating" };

/** A new card from the page's template; `parts` are its elements by role. */
export function createCard(title) {
  const root = document.getElementById("job-card-template").content.firstElementChild.cloneNode(true);
  const find = (selector) => root.querySelector(selector);
  const parts = {
    name: find(".job-name"), status: find(".job-status"), meta: find(".job-meta"),
    progressRow: find(".progress-row"), progress: find("progress"), percent: find(".progress-number"),
    pages: find(".job-pages"), summary: find(".job-summary"), stages: find(".stages"), enginePath: find(".engine-path"),
    notices: find(".notices"), error: find(".job-error"), errorPlain: find(".error-plain"),
    errorCode: find(".error-code"), errorMessage: find(".error-message"),
    buttons: Object.fromEntries([...root.querySelectorAll("[data-action]")].map((b) => [b.dataset.action, b])),
  };
  parts.name.textContent = title;
  parts.progress.setAttribute("aria-label", `Progress of ${title}`);
  for (const [stage, label] of STAGES) {
    const item = document.createElement("li");
    item.className = "stage";
    item.dataset.stage = stage;
    item.innerHTML = '<span class="stage-mark" aria-hidden="true"></span><span class="stage-name"></span>'
      + ' <span class="stage-state"></span> <span class="stage-detail"></span>';
    item.querySelector(".stage-name").textContent = label;
    parts.stages.append(item);
  }
  return { root, parts };
}

function stageState(job, entry) {
  if (entry) return entry.state;
  if (job.status === "succeeded") return "succeeded";
  return FINAL.has(job.status) ? "skipped" : "queued";
}

function stageDetail(job, entry, state) {
  if (!entry) return "";
  if (state === "retrying" && entry.error) return `attempt ${entry.attempts} failed (${entry.error.code}), trying again`;
  if (entry.stage === "tone" && job.tone === "neutral") return "nothing to change for a neutral tone";
  if (!entry.total) return "";
  return state === "succeeded" ? pageCount(entry.total) : `${entry.done} of ${pageCount(entry.total)}`;
}

function showStages(parts, job) {
  for (const item of parts.stages.children) {
    const entry = job.stages.find((stage) => stage.stage === item.dataset.stage);
    const state = stageState(job, entry);
    item.dataset.state = state;
    item.querySelector(".stage-state").textContent = stateWord(state);
    item.querySelector(".stage-detail").textContent = stageDetail(job, entry, state);
  }
}

function pagesLine(job) {
  const current = job.stages.find((stage) => stage.stage === job.stage);
  const total = (current && current.total) || job.pages;
  const done = current ? current.done : 0;
  const pages = total ? `Page ${Math.min(done, total)} of ${total}` : "Counting pages";
  return `${pages}, ${etaInWords(job.eta_seconds)}`;
}

function stageLabel(name) {
  const stage = STAGES.find(([known]) => known === name);
  return stage ? stage[1] : name;
}

// Read out by screen readers on each change (aria-live), so it moves in steps of 10%, not per page.
function summary(job) {
  if (job.status === "succeeded") return `Done: ${job.pages ? pageCount(job.pages) : "all pages"} translated.`;
  if (job.status === "failed") return `Failed${job.error && job.error.stage ? ` at "${stageLabel(job.error.stage)}"` : ""}.`;
  if (FINAL.has(job.status)) return `${statusWord(job.status)}.`;
  const progress = Math.floor(job.progress / 10) * 10;
  return `${job.stage ? stageLabel(job.stage) : "Waiting"}: ${progress}% done.`;
}

function noticesOf(job) {
  const notices = [...job.notices];
  const read = job.ocr ? job.ocr.pages : [];
  if (read.length === 1) notices.push(`Page ${read[0]} is a scan: its text was read with OCR.`);
  if (read.length > 1) notices.push(`Pages ${read.join(", ")} are scans: their text was read with OCR.`);
  const bare = job.pages_without_text;
  if (bare.length === 1) notices.push(`Page ${bare[0]} has no text to translate (a picture, or a blank page) and is kept as it was.`);
  if (bare.length > 1) {
    notices.push(`Pages ${bare.join(", ")} have no text to translate (pictures, or blank pages) and are kept as they were.`);
  }
  const kept = job.cells_kept_verbatim;
  if (kept) notices.push(`${kept} table ${kept === 1 ? "cell holds" : "cells hold"} data (numbers, dates, codes, names) kept as ${kept === 1 ? "it was" : "they were"}.`);
  return notices;
}

function enginePath(job) {
  if (Array.isArray(job.engine_path) && job.engine_path.length) return job.engine_path.join(" → ");
  if (job.engine === "none") return "none: the document is already in the target language";
  return job.engine || "";
}

/** Shows an error with its plain-language explanation, its code and the server's own words. */
export function showError(parts, error) {
  parts.error.hidden = !error;
  if (!error) return;
  parts.errorPlain.textContent = explain(error.code);
  parts.errorCode.textContent = error.code;
  parts.errorMessage.textContent = error.message || "";
}

/** Brings the card up to date with the job as the API returns it. */
export function showJob({ root, parts }, job) {
  root.dataset.status = job.status;
  parts.status.dataset.status = job.status;
  parts.status.textContent = statusWord(job.status);
  const target = languageName(job.target_lang);
  const source = job.source_lang ? languageName(job.source_lang) : "detected language";
  const pages = job.pages ? `, ${pageCount(job.pages)}` : "";
  parts.meta.textContent = `${source} → ${target}, ${job.tone} tone, ${LAYOUT_WORDS[job.output]}${pages}`;
  parts.progress.value = job.progress;
  parts.percent.textContent = `${job.progress}%`;
  parts.pages.textContent = FINAL.has(job.status) ? "" : pagesLine(job);
  const line = summary(job);
  if (parts.summary.textContent !== line) parts.summary.textContent = line;
  showStages(parts, job);
  const path = enginePath(job);
  parts.enginePath.textContent = path ? `Engine: ${path}` : "";
  parts.notices.replaceChildren(...noticesOf(job).map((text) => Object.assign(document.createElement("li"), { textContent: text })));
  showError(parts, job.error);
  parts.buttons.cancel.hidden = FINAL.has(job.status);
  parts.buttons.retry.hidden = job.status !== "failed" || RETRY_CANNOT_HELP.has(job.error && job.error.code);
  parts.buttons.download.hidden = parts.buttons.compare.hidden = job.status !== "succeeded";
}

/** A file the API refused: no job, only the reason. */
export function showRefusal({ root, parts }, failure, summary) {
  root.dataset.status = "refused";
  parts.status.dataset.status = "failed";
  parts.status.textContent = "Not accepted";
  parts.progressRow.hidden = parts.stages.hidden = parts.pages.hidden = true;
  parts.summary.textContent = summary;
  showError(parts, failure);
}
