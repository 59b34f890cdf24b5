// The page's wiring: choosing files, submitting them, the API key, and opening jobs by address.

import { apiKey, postForm, setApiKey } from "./api.js";
import { FINAL } from "./job-card.js";
import { JobList } from "./jobs.js";
import { enableAcceptedFields, loadChoices, showChoices, showTargets } from "./options.js";
import { Preview } from "./preview.js";
import { RecentJobs } from "./recent.js";
import { explain, loadErrorMessages } from "./words.js";

const CHOICES_RETRY_MS = 5000;
const byId = (id) => document.getElementById(id);
const form = byId("submit-form");
const fileInput = byId("files");
const formMessage = byId("form-message");
const keyForm = byId("key-form");
let chosen = [];

function showKeyForm(reason) {
  keyForm.hidden = false;
  byId("key-status").textContent = reason;
}

const preview = new Preview(byId("preview"));
const recent = new RecentJobs(byId("recent-table"), byId("recent-rows"), byId("recent-message"), {
  onUnauthorized: () => showKeyForm(apiKey() ? "This key is not valid." : "This server needs an API key."),
});
let refreshSoon = null;
const jobs = new JobList(byId("job-cards"), {
  onCompare: (job) => preview.open(job),
  onChange: (job) => {
    byId("no-jobs").hidden = true;
    if (!job || !FINAL.has(job.status)) return;
    clearTimeout(refreshSoon);
    refreshSoon = setTimeout(() => recent.refresh(), 300);
  },
});

function choose(files) {
  chosen = [...files];
  const items = chosen.map((file) => {
    const kilobytes = Math.max(1, Math.round(file.size / 1024)).toLocaleString();
    return Object.assign(document.createElement("li"), { textContent: `${file.name} (${kilobytes} KB)` });
  });
  byId("chosen-files").replaceChildren(...items);
}

/** The form's fields as the API wants them: only filled-in, enabled fields (an empty one means "default"). */
function fields() {
  const data = new FormData();
  for (const [name, value] of new FormData(form)) {
    if (value instanceof File ? value.name : value) data.append(name, value);
  }
  return data;
}

async function submit(event) {
  event.preventDefault();
  formMessage.textContent = "";
  if (!chosen.length) {
    formMessage.textContent = "Choose at least one PDF file first.";
    return fileInput.focus();
  }
  if (!form.elements.target_lang.value) {
    formMessage.textContent = "Choose the language to translate into.";
    return form.elements.target_lang.focus();
  }
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  for (const file of chosen) {
    const data = fields();
    data.append("file", file, file.name);
    try {
      jobs.add(await postForm("v1/jobs", data));
    } catch (error) {
      jobs.addRefusal(file.name, error);
      if (error.code === "unauthorized") showKeyForm(apiKey() ? "This key is not valid." : "This server needs an API key.");
    }
  }
  button.disabled = false;
  // The password was for these files only: it is not kept in the page.
  form.elements.password.value = "";
  fileInput.value = "";
  choose([]);
  recent.refresh();
}

// Until a translator answers there is nothing to choose from: say so, and ask again every few seconds.
async function loadFormChoices(shownProblem = "") {
  try {
    await loadChoices();
    showChoices(form);
    if (shownProblem && formMessage.textContent === shownProblem) formMessage.textContent = "";
  } catch (error) {
    const problem = `${explain(error.code)} (${error.code})`;
    formMessage.textContent = problem;
    setTimeout(() => loadFormChoices(problem), CHOICES_RETRY_MS);
  }
}

async function openAddressedJob() {
  const id = /^#job=([0-9a-f]+)$/.exec(location.hash);
  if (!id) return;
  try {
    await jobs.open(id[1]);
  } catch (error) {
    jobs.addRefusal(`Job ${id[1]}`, error, "This job cannot be shown.");
  }
}

function wire() {
  const dropZone = byId("drop-zone");
  fileInput.addEventListener("change", () => choose(fileInput.files));
  for (const name of ["dragenter", "dragover"]) {
    dropZone.addEventListener(name, (event) => {
      event.preventDefault();
      dropZone.classList.add("dragging");
    });
  }
  dropZone.addEventListener("dragleave", () => dropZone.classList.remove("dragging"));
  dropZone.addEventListener("drop", (event) => {
    event.preventDefault();
    dropZone.classList.remove("dragging");
    choose(event.dataTransfer.files);
  });
  for (const name of ["source_lang", "engine"]) form.elements[name].addEventListener("change", () => showTargets(form));
  form.addEventListener("submit", submit);
  keyForm.addEventListener("submit", (event) => {
    event.preventDefault();
    setApiKey(byId("api-key").value.trim());
    byId("key-status").textContent = apiKey() ? "Key kept for this browser tab only." : "Key removed.";
    recent.refresh();
  });
  byId("recent-refresh").addEventListener("click", () => recent.refresh());
  window.addEventListener("hashchange", openAddressedJob);
  // A link to the job already in the address changes nothing, so no hashchange: open it all the same.
  byId("recent-rows").addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (link && link.hash === location.hash) openAddressedJob();
  });
}

async function start() {
  wire();
  if (apiKey()) {
    byId("api-key").value = apiKey();
    showKeyForm("Key kept for this browser tab only.");
  }
  await loadErrorMessages();
  await Promise.all([loadFormChoices(), enableAcceptedFields(form), recent.refresh(), openAddressedJob()]);
  document.body.dataset.ready = "true";
}

start();
