// One filter group of the search page (country, person, …): its top values with counts, a box
// to narrow a long list by typing, and "show all". It shows; search.js decides what is ticked.

const TOP = 8;  // values shown before "show all"

/** Text compared when narrowing: lower case, without accents ("Kılıç" is found by "kilic"). */
function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/ı/g, "i").toLocaleLowerCase();
}

/** How a value reads on the page: some are lower case in the index ("news report"). */
export function valueLabel(facet, value) {
  return facet.capitalise ? value.charAt(0).toUpperCase() + value.slice(1) : value;
}

/** A new element with properties and children (text or nodes). */
export function element(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

export class Facet {
  /** Builds the empty group in `slot`; `onToggle(name, value, checked)` is called on each tick. */
  constructor(facet, slot, onToggle) {
    this.facet = facet;
    this.known = {};  // value -> count in the whole archive
    this.ids = new Map();  // value -> stable element id, so focus survives re-rendering
    this.counts = {};
    this.selected = [];
    this.narrowText = "";
    this.expanded = false;
    this.build(slot, onToggle);
  }

  /** The fieldset: legend, hint, narrowing box, options, notes and "show all". */
  build(slot, onToggle) {
    const { name, label, plural, match } = this.facet;
    this.narrow = element("input", { type: "search", id: `narrow-${name}`, autocomplete: "off", spellcheck: false });
    this.narrowBox = element("p", { className: "narrow" }, [
      element("label", { htmlFor: this.narrow.id, textContent: `Narrow the list of ${plural}` }), this.narrow]);
    this.list = element("ul", { className: "options", id: `options-${name}` });
    this.note = element("p", { className: "narrow-note" });  // what narrowing found, read out as it changes
    this.note.setAttribute("aria-live", "polite");
    this.empty = element("p", { className: "facet-empty", textContent: "None in these results.", hidden: true });
    this.more = element("button", { type: "button", className: "show-all", hidden: true });
    this.more.setAttribute("aria-controls", this.list.id);
    // Shown once something is ticked: what ticking another one does.
    this.hint = element("p", { className: "hint", hidden: true, textContent: match === "all"
      ? "Ticking several finds statements with all of them." : "Ticking several finds statements with any of them." });
    this.root = element("fieldset", { className: "facet", id: `facet-${name}`, hidden: true }, [
      element("legend", { textContent: label }), this.hint, this.narrowBox, this.list, this.note, this.empty, this.more]);
    this.narrow.addEventListener("input", () => { this.narrowText = this.narrow.value; this.render(); });
    this.more.addEventListener("click", () => { this.expanded = !this.expanded; this.render(); });
    this.list.addEventListener("change", (e) => onToggle(name, e.target.value, e.target.checked));
    slot.append(this.root);
  }

  /** The values in the whole archive, with their counts (Pagefind's filters()). */
  know(totals) {
    this.known = totals || {};
    Object.keys(this.known).sort().forEach((value) => this.idOf(value));
    this.narrowBox.hidden = this.facet.narrow === false || Object.keys(this.known).length <= TOP;
  }

  /** Shows the counts of the current results and what is ticked. */
  update(counts, selected) {
    this.counts = counts || {};
    this.selected = selected;
    this.hint.hidden = !selected.length;
    this.root.hidden = !Object.keys(this.known).length && !selected.length;
    this.render();
  }

  /** The element id of a value's checkbox, the same for the life of the page. */
  idOf(value) {
    if (!this.ids.has(value)) this.ids.set(value, `f-${this.facet.name}-${this.ids.size}`);
    return this.ids.get(value);
  }

  /** Values to offer: ticked ones first, then those in the results, best first; narrowed by the box. */
  candidates() {
    const ticked = new Set(this.selected);
    const needle = fold(this.narrowText.trim());
    const values = new Set([...Object.keys(this.known), ...this.selected]);
    const order = this.facet.order === "newest" ? (a, b) => b.localeCompare(a)
      : (a, b) => (this.count(b) - this.count(a)) || a.localeCompare(b);
    return [...values]
      .filter((v) => ticked.has(v) || this.count(v) > 0)
      .filter((v) => !needle || fold(valueLabel(this.facet, v)).includes(needle))
      .sort((a, b) => (ticked.has(b) - ticked.has(a)) || order(a, b));
  }

  /** The value's count in the current results. */
  count(value) {
    return this.counts[value] || 0;
  }

  /** Redraws the options, keeping the focus on the same value when it is still shown. */
  render() {
    const focused = this.list.contains(document.activeElement) ? document.activeElement.id : null;
    const pool = this.candidates();
    const shown = this.expanded ? pool : pool.slice(0, Math.max(TOP, this.selected.length));
    this.list.replaceChildren(...shown.map((value) => this.option(value)));
    if (focused) document.getElementById(focused)?.focus();
    this.more.hidden = pool.length <= TOP;
    this.more.setAttribute("aria-expanded", String(this.expanded));
    this.more.textContent = this.expanded ? `Show the top ${TOP} ${this.facet.plural}`
                                          : `Show all ${pool.length} ${this.facet.plural}`;
    this.note.textContent = this.noteText(pool.length);
    this.empty.hidden = Boolean(pool.length || this.narrowText.trim());
  }

  /** What narrowing the list found ("3 people match “ar”."), or nothing when the box is empty. */
  noteText(matching) {
    const text = this.narrowText.trim();
    const one = this.facet.label.toLowerCase();
    if (!text) return "";
    if (matching === 1) return `1 ${one} matches “${text}”.`;
    return matching ? `${matching} ${this.facet.plural} match “${text}”.` : `No ${one} matches “${text}”.`;
  }

  /** One checkbox with its label and count. */
  option(value) {
    const box = element("input", { type: "checkbox", id: this.idOf(value), value, checked: this.selected.includes(value) });
    const label = element("label", { htmlFor: box.id }, [
      valueLabel(this.facet, value), " ", element("span", { className: "n", textContent: String(this.count(value)) })]);
    return element("li", {}, [box, label]);
  }
}
