// Adds "sort by date" to Pagefind's Component UI: wraps the search call with Pagefind's sort option.
const select = document.getElementById("sort");

function sortOption() {
  return select.value === "relevance" ? null : { date: select.value };
}

async function wrapSearch(instance) {
  await instance.triggerLoad();
  const api = instance.__pagefind__;
  if (!api || api.__sortable) return;
  const search = api.search.bind(api);
  instance.__pagefind__ = Object.assign({}, api, {
    __sortable: true,
    search: (term, options) => {
      const sort = sortOption();
      return search(term, sort ? Object.assign({}, options, { sort }) : options);
    },
  });
}

function install() {
  const manager = window.PagefindComponents && window.PagefindComponents.getInstanceManager();
  if (!manager) return;
  const instance = manager.getInstance("default");
  const ready = wrapSearch(instance);
  // Listen at once, so a change made while the index is still loading is not lost.
  select.addEventListener("change", async () => {
    await ready;
    instance.triggerSearch(instance.searchTerm || "");
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", install);
} else {
  install();
}
