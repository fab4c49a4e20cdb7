// Adds "sort by date" to Pagefind's Component UI: wraps the search call with Pagefind's sort option.
const select = document.getElementById("sort");

function sortOption() {
  return select.value === "relevance" ? null : { date: select.value };
}

function sortable(api) {
  if (!api || api.__sortable) return api;
  const search = (term, options) => {
    const sort = sortOption();
    return api.search(term, sort ? Object.assign({}, options, { sort }) : options);
  };
  // Everything but search goes to Pagefind's own object, so its state stays in one place.
  return new Proxy(api, {
    get(target, name) {
      if (name === "__sortable") return true;
      if (name === "search") return search;
      const value = Reflect.get(target, name, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function install() {
  const manager = window.PagefindComponents && window.PagefindComponents.getInstanceManager();
  if (!manager) return;
  const instance = manager.getInstance("default");
  // Wrap Pagefind's API the moment the UI stores it, so no search (not even one typed
  // while the index is still loading) runs without the chosen sort.
  let api = sortable(instance.__pagefind__);
  Object.defineProperty(instance, "__pagefind__", {
    configurable: true,
    enumerable: true,
    get: () => api,
    set: (value) => { api = sortable(value); },
  });
  // Re-sort what is shown; with nothing searched yet there is nothing to re-sort.
  select.addEventListener("change", () => {
    if (instance.searchTerm) instance.triggerSearch(instance.searchTerm);
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", install);
} else {
  install();
}
