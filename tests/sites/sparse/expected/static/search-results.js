// What the search page shows of a search: the results, the line that counts them, and the
// active filters, each removable with one click.

import { DATE_FILTER, FACETS } from "./search-state.js";
import { element, valueLabel } from "./search-facets.js";

const TYPE = FACETS.find((f) => f.name === "type");

/** One result: its title, date and dateline, type, issuer and agencies, and the excerpt with hits marked. */
export function resultItem(data) {
  const meta = data.meta || {};
  const title = element("h2", {}, [element("a", { href: data.url, textContent: meta.title || data.url })]);
  const when = element("time", { dateTime: (data.filters?.[DATE_FILTER] || [""])[0], textContent: meta.date || "" });
  const place = element("p", { className: "meta" }, [when, meta.dateline ? ` · ${meta.dateline}` : ""]);
  const source = element("p", { className: "meta source", textContent: sourceLine(meta) });
  const excerpt = element("p", { className: "excerpt" });
  excerpt.innerHTML = data.excerpt;  // Pagefind escapes the text and adds only <mark> around hits
  if (meta.language) title.lang = excerpt.lang = meta.language;
  return element("li", {}, [element("article", {}, [title, place, source, excerpt])]);
}

/** "Statement · issued by … · reported by …": what kind of text it is and whose. */
function sourceLine(meta) {
  const parts = [meta.type ? valueLabel(TYPE, meta.type) : ""];
  if (meta.issuer) parts.push(`issued by ${meta.issuer}`);
  if (meta.agencies) parts.push(`reported by ${meta.agencies}`);
  if (meta.versions) parts.push(`${meta.versions} versions`);
  return parts.filter(Boolean).join(" · ");
}

/** The line that counts the results (read out by screen readers when it changes). */
export function summaryText(state, count) {
  const words = state.q.trim();
  const what = `${count} ${count === 1 ? "result" : "results"}`;
  return words ? `${what} for “${words}”` : what;
}

/**
 * The active filters as one button each; `remove(next)` receives the state without that filter.
 * Every button names what it removes ("Remove Country: Armenia (AM)").
 */
export function activeChips(state, remove) {
  const chips = [];
  for (const facet of FACETS) {
    for (const value of state.filters[facet.name]) {
      const rest = state.filters[facet.name].filter((v) => v !== value);
      const next = { ...state, filters: { ...state.filters, [facet.name]: rest } };
      chips.push(chip(`${facet.label}: ${valueLabel(facet, value)}`, () => remove(next)));
    }
  }
  if (state.from) chips.push(chip(`From ${state.from}`, () => remove({ ...state, from: "" })));
  if (state.to) chips.push(chip(`To ${state.to}`, () => remove({ ...state, to: "" })));
  return chips;
}

function chip(text, onClick) {
  const cross = element("span", { className: "x", textContent: " ×" });
  cross.setAttribute("aria-hidden", "true");
  const button = element("button", { type: "button", className: "chip" }, [
    element("span", { className: "visually-hidden", textContent: "Remove " }), text, cross]);
  button.addEventListener("click", onClick);
  return element("li", {}, [button]);
}
