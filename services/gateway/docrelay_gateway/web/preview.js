// Side-by-side preview: page n of the original beside its translation, drawn by the gateway as PNGs.

import { send } from "./api.js";
import { explain } from "./words.js";

export class Preview {
  constructor(panel) {
    this.panel = panel;
    this.heading = panel.querySelector("#preview-heading");
    this.position = panel.querySelector("#page-position");
    this.previous = panel.querySelector("#page-previous");
    this.next = panel.querySelector("#page-next");
    this.frames = { source: panel.querySelector("#source-frame"), result: panel.querySelector("#result-frame") };
    // The blob: URL each side shows, released when the side shows something else.
    this.urls = { source: null, result: null };
    this.previous.addEventListener("click", () => this.show(this.page - 1));
    this.next.addEventListener("click", () => this.show(this.page + 1));
    panel.querySelector("#preview-close").addEventListener("click", () => this.close());
    panel.addEventListener("keydown", (event) => {
      if (event.key === "ArrowLeft") this.show(this.page - 1);
      if (event.key === "ArrowRight") this.show(this.page + 1);
      if (event.key === "Escape") this.close();
    });
  }

  /** Opens the preview on the first page of a succeeded job. */
  open(job) {
    this.job = job;
    this.pages = job.pages || 1;
    this.panel.hidden = false;
    this.heading.textContent = `Compare pages: ${job.filename}`;
    this.show(1);
    this.heading.focus();
  }

  close() {
    this.panel.hidden = true;
    for (const side of Object.keys(this.frames)) this.put(side, null, null);
    const card = this.job && document.getElementById(`job-${this.job.id}`);
    if (card) card.querySelector("[data-action=compare]").focus();
  }

  show(page) {
    if (page < 1 || page > this.pages) return;
    this.page = page;
    this.position.textContent = `Page ${page} of ${this.pages}`;
    this.previous.disabled = page === 1;
    this.next.disabled = page === this.pages;
    const shown = this.job.id + ":" + page;
    this.shown = shown;
    for (const side of ["source", "result"]) this.load(side, page, shown);
  }

  async load(side, page, shown) {
    const frame = this.frames[side];
    frame.setAttribute("aria-busy", "true");
    frame.replaceChildren(Object.assign(document.createElement("p"), { className: "muted", textContent: "Drawing the page…" }));
    let content, url = null;
    try {
      const response = await send(`v1/jobs/${this.job.id}/pages/${page}.png?side=${side}`);
      url = URL.createObjectURL(await response.blob());
      const what = side === "source" ? "original" : "translation";
      content = Object.assign(new Image(), { src: url, alt: `Page ${page} of ${this.pages}, ${what}` });
    } catch (error) {
      const text = `${explain(error.code)} (${error.code})`;
      content = Object.assign(document.createElement("p"), { className: "page-error", textContent: text });
    }
    // A later page may have been asked for while this one was drawn: only the latest is shown.
    if (this.shown !== shown) {
      if (url) URL.revokeObjectURL(url);
      return;
    }
    this.put(side, content, url);
  }

  put(side, content, url) {
    const frame = this.frames[side];
    frame.replaceChildren(...(content ? [content] : []));
    frame.removeAttribute("aria-busy");
    if (this.urls[side]) URL.revokeObjectURL(this.urls[side]);
    this.urls[side] = url;
  }
}
