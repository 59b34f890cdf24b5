// Recent jobs from GET /v1/jobs, so that a reload finds them again; each links to its card (#job=<id>).

import { getJson } from "./api.js";
import { explain, languageName, statusWord, when } from "./words.js";

const LIMIT = 20;

function cell(content) {
  const td = document.createElement("td");
  td.append(content);
  return td;
}

function row(job) {
  const link = Object.assign(document.createElement("a"), { href: `#job=${job.id}`, textContent: job.filename });
  const languages = `${job.source_lang ? languageName(job.source_lang) : "detected"} → ${languageName(job.target_lang)}`;
  const status = Object.assign(document.createElement("span"), { className: "status-word", textContent: statusWord(job.status) });
  status.dataset.status = job.status;
  const tr = document.createElement("tr");
  tr.dataset.jobId = job.id;
  tr.append(cell(link), cell(languages), cell(status), cell(when(job.created_at)));
  return tr;
}

export class RecentJobs {
  constructor(table, rows, message, { onUnauthorized }) {
    Object.assign(this, { table, rows, message, onUnauthorized });
  }

  async refresh() {
    let page;
    try {
      page = await getJson(`v1/jobs?limit=${LIMIT}`);
    } catch (error) {
      this.table.hidden = true;
      this.message.textContent = `${explain(error.code)} (${error.code})`;
      if (error.code === "unauthorized") this.onUnauthorized();
      return;
    }
    this.rows.replaceChildren(...page.jobs.map(row));
    this.table.hidden = page.jobs.length === 0;
    this.message.textContent = page.jobs.length ? "" : "No jobs yet.";
  }
}
