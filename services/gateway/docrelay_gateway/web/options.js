// The form's choices from what the running translators can do: GET /v1/languages when the gateway has
// it, else the language pairs of GET /v1/engines. Targets follow the chosen source language and engine.

import { ApiFailure, getJson } from "./api.js";
import { languageName } from "./words.js";

const state = { pairs: [], detectable: [], engines: [], defaultEngine: null };

function tagOf(item) {
  return typeof item === "string" ? item : item && (item.code || item.tag || item.language);
}

/** Pairs as {source, target, engine, hops}; "*" as source means any language. */
function pairsOfEngines(view) {
  return view.engines
    .filter((engine) => engine.available)
    .flatMap((engine) => engine.pairs.map((pair) => ({ ...pair, engine: engine.name, hops: 1 })));
}

function pairsOfLanguages(body) {
  // The entries are the list itself or the first list of the object whose items name a target.
  const entries = Array.isArray(body)
    ? body
    : Object.values(body).find((value) => Array.isArray(value) && value.some((item) => item && item.target));
  return (entries || []).map((entry) => ({
    source: tagOf(entry.source),
    target: tagOf(entry.target),
    engine: typeof entry.engine === "string" ? entry.engine : null,
    hops: Number(entry.hops) || 1,
  }));
}

function detectableOf(body) {
  if (Array.isArray(body)) return [];
  const list = body.detectable || body.detectable_languages || body.detection || [];
  return Array.isArray(list) ? list.map(tagOf).filter(Boolean) : [];
}

async function languagesOrNull() {
  try {
    return await getJson("v1/languages");
  } catch (error) {
    if (error instanceof ApiFailure && (error.status === 404 || error.status === 405)) return null;
    throw error;
  }
}

/** Reads what can be translated; throws ApiFailure when no translator answers. */
export async function loadChoices() {
  const [engines, languages] = await Promise.all([getJson("v1/engines"), languagesOrNull()]);
  state.engines = engines.engines.filter((engine) => engine.available);
  state.defaultEngine = engines.default;
  state.pairs = languages ? pairsOfLanguages(languages) : pairsOfEngines(engines);
  state.detectable = languages ? detectableOf(languages) : [];
}

function fill(select, options, keep) {
  const fixed = [...select.options].filter((option) => option.dataset.fixed !== undefined);
  select.replaceChildren(...fixed);
  for (const [value, label] of options) select.add(new Option(label, value));
  if ([...select.options].some((option) => option.value === keep)) select.value = keep;
}

/** Fills the engine and source selects, then the targets; call again after loadChoices. */
export function showChoices(form) {
  const { engine, source_lang: source } = form.elements;
  engine.options[0].textContent = state.defaultEngine ? `Automatic (${state.defaultEngine})` : "Automatic";
  fill(engine, state.engines.map((item) => [item.name, `${item.name}: ${item.description}`]), engine.value);
  const sources = new Set([...state.pairs.map((pair) => pair.source), ...state.detectable]);
  sources.delete("*");
  const sorted = [...sources].filter(Boolean).sort().map((tag) => [tag, languageName(tag)]);
  fill(source, sorted, source.value);
  showTargets(form);
}

/** The target languages the chosen engine (or any) reaches from the chosen source (or any). */
export function showTargets(form) {
  const { engine, source_lang: source, target_lang: target } = form.elements;
  const hops = new Map();
  for (const pair of state.pairs) {
    if (engine.value && pair.engine && pair.engine !== engine.value) continue;
    if (source.value && pair.source !== source.value && pair.source !== "*") continue;
    if (pair.target === source.value) continue;
    hops.set(pair.target, Math.min(pair.hops, hops.get(pair.target) || Infinity));
  }
  const targets = [...hops.keys()].sort().map((tag) => {
    const through = hops.get(tag) > 1 ? " (through a bridge language)" : "";
    return [tag, languageName(tag) + through];
  });
  const preferred = target.value || navigator.language.split("-")[0];
  fill(target, targets, preferred);
}

/** Turns on the form fields marked data-api-field that the API's POST /v1/jobs accepts. */
export async function enableAcceptedFields(form) {
  let accepted = [];
  try {
    const api = await getJson("openapi.json");
    const body = api.paths["/v1/jobs"].post.requestBody.content["multipart/form-data"].schema;
    const schema = body.$ref ? api.components.schemas[body.$ref.split("/").pop()] : body;
    accepted = Object.keys(schema.properties || {});
  } catch {
    // Without the API's description the optional fields stay off: sending them could be refused.
  }
  for (const field of form.querySelectorAll("[data-api-field]")) {
    const on = accepted.includes(field.dataset.apiField);
    field.hidden = !on;
    for (const control of field.querySelectorAll("input, select")) control.disabled = !on;
  }
}
