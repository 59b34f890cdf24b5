// The job cards on the page: each follows its job live and runs its buttons.

import { ApiFailure, getJson, readEvents, send } from "./api.js";
import { FINAL, createCard, showError, showJob, showRefusal } from "./job-card.js";

// The event stream is the way to follow a job; after this many broken streams in a row, poll instead.
const STREAM_TRIES = 3;
const POLL_MS = 1500;
const RECONNECT_MS = 500;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function filenameOf(response, job) {
  const header = response.headers.get("Content-Disposition") || "";
  const encoded = /filename\*=utf-8''([^;]+)/i.exec(header);
  if (encoded) return decodeURIComponent(encoded[1]);
  const plain = /filename="([^"]+)"/.exec(header);
  return plain ? plain[1] : `${job.filename.replace(/\.pdf$/i, "")}.${job.target_lang}.pdf`;
}

/** A refusal worth showing in place, or null for trouble that another try may get past. */
function lasting(error) {
  return error instanceof ApiFailure && error.status >= 400 && error.status < 500 ? error : null;
}

export class JobList {
  constructor(list, { onCompare, onChange }) {
    this.list = list;
    this.entries = new Map();
    this.onCompare = onCompare;
    this.onChange = onChange;
  }

  /** Shows the job (a new card on top, or its card brought up to date) and follows it until it ends. */
  add(job) {
    let entry = this.entries.get(job.id);
    if (!entry) {
      entry = { job, card: createCard(job.filename) };
      entry.card.root.id = `job-${job.id}`;
      this.entries.set(job.id, entry);
      this.list.prepend(entry.card.root);
      this.wire(entry);
    }
    this.update(entry, job);
    this.follow(entry);
    return entry.card.root;
  }

  /** Shows a file the API refused to take (or a job it would not show), with the reason. */
  addRefusal(title, failure, summary = "The server did not accept this file.") {
    const card = createCard(title);
    showRefusal(card, failure, summary);
    this.list.prepend(card.root);
    this.onChange();
    return card.root;
  }

  /** Opens a job by id (a link from the recent list, or the page's address). */
  async open(id) {
    const root = this.entries.has(id) ? this.entries.get(id).card.root : this.add(await getJson(`v1/jobs/${id}`));
    root.scrollIntoView({ block: "start" });
    root.querySelector(".job-name").focus();
  }

  update(entry, job) {
    entry.job = job;
    showJob(entry.card, job);
    this.onChange(job);
  }

  async follow(entry) {
    entry.following?.abort();
    const controller = new AbortController();
    entry.following = controller;
    let broken = 0;
    while (!FINAL.has(entry.job.status) && !controller.signal.aborted) {
      try {
        if (broken < STREAM_TRIES) {
          entry.card.root.dataset.live = "stream";
          await readEvents(`v1/jobs/${entry.job.id}/events`, (event) => {
            if (event.type === "job") this.update(entry, JSON.parse(event.data));
          }, controller.signal);
          // The stream ends when the job ends; ending earlier means a proxy cut it.
          if (!FINAL.has(entry.job.status)) broken += 1;
          await sleep(RECONNECT_MS);
        } else {
          entry.card.root.dataset.live = "polling";
          await sleep(POLL_MS);
          this.update(entry, await getJson(`v1/jobs/${entry.job.id}`));
        }
      } catch (error) {
        if (error.name === "AbortError") return;
        if (lasting(error)) return showError(entry.card.parts, error);
        broken += 1;
        await sleep(RECONNECT_MS);
      }
    }
  }

  wire(entry) {
    const { buttons } = entry.card.parts;
    const act = (button, action) => button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await action();
      } catch (error) {
        showError(entry.card.parts, error);
      } finally {
        button.disabled = false;
      }
    });
    act(buttons.cancel, async () => {
      this.update(entry, await (await send(`v1/jobs/${entry.job.id}`, { method: "DELETE" })).json());
    });
    act(buttons.retry, async () => {
      this.update(entry, await (await send(`v1/jobs/${entry.job.id}/retry`, { method: "POST" })).json());
      this.follow(entry);
    });
    act(buttons.download, async () => {
      const response = await send(`v1/jobs/${entry.job.id}/result`);
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await response.blob());
      link.download = filenameOf(response, entry.job);
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    });
    act(buttons.compare, async () => this.onCompare(entry.job));
  }
}
