// The search as data: read from and written to the address, and turned into Pagefind's options.
// Pure functions only; search.js does the browser work.

// The filters statement pages carry (builder/statement_pages.py), in the order they are shown.
// A statement has one type, wording and year, so ticking two of them means either ("any"); it names
// several countries, people, organizations and agencies, so ticking two means both ("all").
export const FACETS = [
  { name: "country", label: "Country", plural: "countries", match: "all", order: "count" },
  { name: "person", label: "Person", plural: "people", match: "all", order: "count" },
  { name: "organization", label: "Organization", plural: "organizations", match: "all", order: "count" },
  { name: "agency", label: "Agency", plural: "agencies", match: "all", order: "count" },
  { name: "type", label: "Type", plural: "types", match: "any", order: "count", capitalise: true },
  { name: "wording", label: "Wording", plural: "wordings", match: "any", order: "count", capitalise: true },
  // Years are narrowed by the date range beside them, not by a box of their own.
  { name: "year", label: "Year", plural: "years", match: "any", order: "newest", slot: "date-facets", narrow: false },
];

// The filter holding each statement's date: YYYY-MM-DD, or YYYY-MM when only the month is known.
export const DATE_FILTER = "date";
const SORTS = ["relevance", "newest", "oldest"];

const DATE_TEXT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** A state with nothing searched. */
export function emptyState() {
  return { q: "", sort: "relevance", from: "", to: "", filters: Object.fromEntries(FACETS.map((f) => [f.name, []])) };
}

/** The search a query string describes (?q=…&country=…&from=…&to=…&sort=…); unknown keys are ignored. */
export function readState(search) {
  const params = new URLSearchParams(search);
  const state = emptyState();
  state.q = params.get("q") || "";
  state.from = (params.get("from") || "").trim();
  state.to = (params.get("to") || "").trim();
  state.sort = SORTS.includes(params.get("sort")) ? params.get("sort") : "relevance";
  for (const facet of FACETS) state.filters[facet.name] = uniqueSorted(params.getAll(facet.name));
  return state;
}

/** The query string of a state: empty values and the default sort left out, filter values sorted. */
export function writeState(state) {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q.trim());
  for (const facet of FACETS) {
    for (const value of uniqueSorted(state.filters[facet.name])) params.append(facet.name, value);
  }
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.sort !== "relevance") params.set("sort", state.sort);
  const text = params.toString();
  return text ? "?" + text : "";
}

/** The non-empty values, each once, in a fixed order (so one search has one address). */
function uniqueSorted(values) {
  return [...new Set(values.filter((v) => v !== ""))].sort();
}

/**
 * The first (end=false) or last (end=true) day a date text stands for, as YYYY-MM-DD, or null when
 * it is not a year, a month or a day. The last day of a month may be given as its 31st: the bound
 * is only ever compared as text.
 */
export function dateBound(text, end) {
  const m = DATE_TEXT.exec(text);
  if (!m) return null;
  const [, year, month, day] = m;
  if (month && (month < "01" || month > "12")) return null;
  if (day && !realDay(+year, +month, +day)) return null;
  return `${year}-${month || (end ? "12" : "01")}-${day || (end ? "31" : "01")}`;
}

function realDay(year, month, day) {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The state's date range as {from, to} bounds (YYYY-MM-DD, open ends as extremes), or, when it
 * cannot be read, {error, fields} naming what is wrong and in which of the boxes ("from", "to").
 */
export function dateRange(state) {
  const from = state.from ? dateBound(state.from, false) : "0000-00-00";
  const to = state.to ? dateBound(state.to, true) : "9999-99-99";
  const unread = [["from", from], ["to", to]].filter(([, bound]) => bound === null).map(([name]) => name);
  if (unread.length) {
    const texts = unread.map((name) => `“${state[name]}”`).join(" and ");
    return { error: `${texts} ${unread.length > 1 ? "are not dates" : "is not a date"}: give a year, a month `
                    + "or a day, such as 2020, 2020-11 or 2020-11-15.", fields: unread };
  }
  if (from > to) return { error: `The range ends (${state.to}) before it starts (${state.from}).`, fields: ["from", "to"] };
  return { from, to };
}

/**
 * Whether a statement's date value is in the range. A date known only to the month (YYYY-MM) is in
 * it when that month overlaps the range: the statement may have been made on any of its days.
 */
export function inRange(value, range) {
  if (value.length === 7) return value >= range.from.slice(0, 7) && value <= range.to.slice(0, 7);
  return value >= range.from && value <= range.to;
}

/**
 * Pagefind's filters for a state, leaving out the facet named `without` (for that facet's own
 * counts). `dates` are all date values in the index; a range becomes "any of the dates in it",
 * which stays exact and small (one value per day with statements) at any archive size.
 * Returns null when the range holds no statement at all.
 */
export function pagefindFilters(state, dates, without = null) {
  const filters = {};
  for (const facet of FACETS) {
    const values = state.filters[facet.name];
    if (facet.name !== without && values.length) filters[facet.name] = { [facet.match]: values };
  }
  if (state.from || state.to) {
    const range = dateRange(state);
    if (range.error) return filters;  // an unreadable range is shown as an error, not applied
    const inside = dates.filter((d) => inRange(d, range));
    if (!inside.length) return null;
    filters[DATE_FILTER] = { any: inside };
  }
  return filters;
}

/** Pagefind's sort for a state: relevance needs words, so without them the newest come first. */
export function pagefindSort(state) {
  if (state.sort === "oldest") return { date: "asc" };
  if (state.sort === "newest" || !state.q.trim()) return { date: "desc" };
  return {};
}
