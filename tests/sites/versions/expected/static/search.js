// The search page, over Pagefind's JavaScript API. The address holds the whole search (words,
// filters, dates, sort): it is read on load and on back/forward, and written on every change,
// one history entry per search (typing in a box updates its entry until the box loses focus).

import { DATE_FILTER, FACETS, dateRange, emptyState, pagefindFilters, pagefindSort, readState,
  writeState } from "./search-state.js";
import { Facet } from "./search-facets.js";
import { activeChips, resultItem, summaryText } from "./search-results.js";

const PAGE = 20;  // results shown at a time
const EXCERPT_WORDS = 22;  // two or three lines of the results column on a wide screen
const QUIET = 300;  // ms after the last keystroke before searching
const SHARD = "shard";  // the filter naming each hit's shard (its year), set when the shards are merged

const byId = (id) => document.getElementById(id);
const form = byId("search");
const ui = {
  q: byId("search-q"), sort: byId("search-sort"), from: byId("search-from"), to: byId("search-to"),
  rangeError: byId("range-error"), rangeSpan: byId("range-span"), status: byId("search-status"),
  results: byId("results"), more: byId("more-results"), active: byId("active-filters"),
  activeList: byId("active-list"), clear: byId("clear-filters"), toggle: form.querySelector(".filters-toggle"),
};
const pageTitle = document.title;

let state = readState(location.search);
let typing = null;  // the text box whose typing wrote the current history entry
let latest = 0;  // the newest search: an older one that finishes later is dropped
let shown = { results: [], count: 0 };  // the search on screen: all its hits, how many are rendered
const timers = new Map();  // text box -> pending search
const facets = new Map(FACETS.map((f) => [f.name, new Facet(f, byId(f.slot || "facets"), toggle)]));
const pagefind = loadPagefind();

/**
 * Pagefind's API over the whole index, with every filter's values loaded. The index is split into
 * shards, one Pagefind bundle per year (newest first in data-bundles): the newest is the primary
 * and the others are merged into it, so one search covers all years and counts are summed across
 * them. Each shard tags its pages with the filter SHARD (its year), for date order across shards.
 */
async function loadPagefind() {
  const bundles = form.dataset.bundles.split(" ").filter(Boolean);
  const api = await import(bundles[0] + "pagefind.js");
  // The index holds full paths (base path included): baseUrl "/" stops Pagefind adding it twice.
  const options = (bundle) => ({ baseUrl: "/", excerptLength: EXCERPT_WORDS, mergeFilter: { [SHARD]: shardOf(bundle) } });
  await api.options({ bundlePath: bundles[0], ...options(bundles[0]) });
  await Promise.all(bundles.slice(1).map((bundle) => api.mergeIndex(bundle, options(bundle))));
  const totals = await api.filters();
  for (const [name, facet] of facets) facet.know(totals[name]);
  const dates = Object.keys(totals[DATE_FILTER] || {}).sort();
  if (dates.length) ui.rangeSpan.textContent = `The archive runs from ${dates[0]} to ${dates[dates.length - 1]}.`;
  return { api, dates, shards: bundles.map(shardOf) };
}

/** A shard's name: the last folder of its bundle's address (…/pagefind/2023/ → "2023"). */
function shardOf(bundle) {
  return bundle.split("/").filter(Boolean).pop();
}

/** Runs the state's search and shows it, unless a newer search started meanwhile. */
async function run() {
  const id = ++latest;
  const searched = state;
  ui.results.setAttribute("aria-busy", "true");
  const found = await find(searched);
  const first = await load(found.results, 0);
  if (id !== latest) return;
  shown = { results: found.results, count: first.length };
  ui.results.replaceChildren(...first.map(resultItem));
  ui.results.removeAttribute("aria-busy");
  for (const [name, facet] of facets) facet.update(found.counts[name], searched.filters[name]);
  ui.status.textContent = summaryText(searched, found.results.length);
  showMoreButton();
  form.classList.add("ready");
}

/** {results, counts}: Pagefind's hits in order, and per facet the count of each value. */
async function find(s) {
  const { api, dates, shards } = await pagefind;
  const term = s.q.trim() || null;
  const filters = pagefindFilters(s, dates);
  if (filters === null) return { results: [], counts: {} };
  const sort = pagefindSort(s);
  const main = await api.search(term, { filters, sort });
  const counts = { ...main.filters };
  // A facet whose ticks mean "any" counts each value as if that facet's own ticks were not there.
  for (const facet of FACETS.filter((f) => f.match === "any" && s.filters[f.name].length)) {
    const others = await api.search(term, { filters: pagefindFilters(s, dates, facet.name) });
    counts[facet.name] = others.filters[facet.name];
  }
  const results = sort.date ? await inDateOrder(api, term, filters, sort, main, shards) : main.results;
  return { results, counts };
}

/**
 * The hits of a search sorted by date, in date order across shards. Pagefind sorts each shard's
 * hits, but merges shards by score, which under a sort is a page's place in its own shard; a shard
 * holds one year, so each shard with hits is searched on its own and their hits joined in order.
 */
async function inDateOrder(api, term, filters, sort, main, shards) {
  const hits = main.filters[SHARD] || {};
  const order = shards.filter((shard) => hits[shard]);
  if (order.length < 2) return main.results;
  if (sort.date === "asc") order.reverse();
  const parts = await Promise.all(order.map((shard) => api.search(term, { filters: { ...filters, [SHARD]: { any: [shard] } }, sort })));
  return parts.flatMap((part) => part.results);
}

/** The data (URL, metadata, excerpt) of one page of hits from `start`, all loaded before any is shown. */
function load(results, start) {
  return Promise.all(results.slice(start, start + PAGE).map((r) => r.data()));
}

/** The "show more" button: hidden once every hit is on screen, else saying how many are. */
function showMoreButton() {
  const { results, count } = shown;
  ui.more.hidden = count >= results.length;
  ui.more.disabled = false;
  ui.more.textContent = `Show more results (${count} of ${results.length} shown)`;
}

/** Appends the next page of results and moves the focus to the first of them. */
async function showMore() {
  const id = latest;
  ui.more.disabled = true;
  const next = await load(shown.results, shown.count);
  if (id !== latest) return;
  const items = next.map(resultItem);
  ui.results.append(...items);
  shown.count += next.length;
  showMoreButton();
  items[0]?.querySelector("a").focus();
}

/** Makes `next` the search: into the address, the controls and the results. */
function change(next, source = null) {
  const before = state;
  state = next;
  remember(source);
  showState(before);
  refresh();
}

/** Writes the state to the address: a new history entry, or the same one while a box is typed in. */
function remember(source) {
  const url = location.pathname + writeState(state);
  if (url !== location.pathname + location.search) {
    history[source && source === typing ? "replaceState" : "pushState"](null, "", url);
  }
  typing = source;
}

/**
 * Puts the state into the controls and the active-filter list (the filter groups follow with the
 * results). A text box is rewritten only when its value changed from `before` (null: all of
 * them), so what is being typed stays as typed.
 */
function showState(before = null) {
  for (const box of [ui.q, ui.from, ui.to]) {
    if (!before || before[box.name] !== state[box.name]) box.value = state[box.name];
  }
  ui.sort.value = state.sort;
  showRangeError(dateRange(typedDates()));
  const chips = activeChips(state, removeFilter);
  ui.activeList.replaceChildren(...chips);
  ui.active.hidden = !chips.length;
  ui.toggle.textContent = chips.length ? `Filters (${chips.length} active)` : "Filters";
  document.title = state.q.trim() ? `${state.q.trim()} · ${pageTitle}` : pageTitle;
}

/** The range's error under the date boxes, and which box holds it. */
function showRangeError(range) {
  ui.rangeError.textContent = range.error || "";
  for (const box of [ui.from, ui.to]) box.setAttribute("aria-invalid", String(Boolean(range.fields?.includes(box.name))));
}

/** A filter removed from the active list; the focus goes to the next one, or to the result count. */
function removeFilter(next) {
  const index = [...ui.activeList.querySelectorAll("button")].indexOf(document.activeElement);
  change(next);
  const buttons = ui.activeList.querySelectorAll("button");
  (buttons[Math.min(index, buttons.length - 1)] || ui.status).focus();
}

/** A value of a filter group ticked or unticked. */
function toggle(name, value, checked) {
  const values = state.filters[name].filter((v) => v !== value).concat(checked ? [value] : []);
  change({ ...state, filters: { ...state.filters, [name]: values } });
}

/** The dates as typed in the two boxes (applied or not). */
function typedDates() {
  return { from: ui.from.value.trim(), to: ui.to.value.trim() };
}

/** Searches what a text box holds once typing pauses. */
function schedule(box) {
  clearTimeout(timers.get(box));
  timers.set(box, setTimeout(() => flush(box), QUIET));
}

/** Searches what `box` holds now if a search of it is pending (dates only when they read as dates). */
function flush(box) {
  if (!timers.has(box)) return;
  clearTimeout(timers.get(box));
  timers.delete(box);
  const next = box === ui.q ? { ...state, q: ui.q.value } : { ...state, ...typedDates() };
  if (box === ui.q || !dateRange(next).error) change(next, box.id);
}

/** Ends typing in a box: what it holds is searched now, and the next typing makes a new history entry. */
function settle(box) {
  flush(box);
  if (box !== ui.q) showRangeError(dateRange(typedDates()));
  if (typing === box.id) typing = null;
}

/** Opens or closes the filter panel (a phone shows it only when opened). */
function showFilters(open) {
  form.classList.toggle("show-filters", open);
  ui.toggle.setAttribute("aria-expanded", String(open));
}

/** Wires the controls, the form and the browser's back and forward buttons. */
function listen() {
  for (const box of [ui.q, ui.from, ui.to]) {
    box.addEventListener("input", () => schedule(box));
    box.addEventListener("change", () => settle(box));
    box.addEventListener("blur", () => settle(box));
  }
  ui.q.addEventListener("input", () => pagefind.then(({ api }) => api.preload(ui.q.value)));
  ui.sort.addEventListener("change", () => change({ ...state, sort: ui.sort.value }));
  ui.clear.addEventListener("click", () => {
    change({ ...emptyState(), q: state.q, sort: state.sort });
    ui.status.focus();
  });
  ui.more.addEventListener("click", showMore);
  ui.toggle.addEventListener("click", () => showFilters(ui.toggle.getAttribute("aria-expanded") !== "true"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    [ui.q, ui.from, ui.to].forEach(settle);
  });
  window.addEventListener("popstate", () => {
    state = readState(location.search);
    typing = null;
    showState();
    refresh();
  });
}

/** Searches the state in the background; a search that cannot run says so where the count goes. */
function refresh() {
  run().catch((error) => {
    ui.status.textContent = "The search index could not be loaded.";
    console.error(error);
  });
}

showFilters(location.hash === "#filters");
listen();
showState();
refresh();
