// The search page on the site: Pagefind's engine for search-page.js (the global TLSearch, a classic script the
// page loads before this module), which holds the page and the rules of words and ranking. The functions that
// spell a query as the indexes do are exported here too (tested for parity with hooks/topiclib/search.py).
const { indexForm, displayForm, phraseWords, wordPairs, pairToken, RANKING } = self.TLSearch;

export { indexForm, displayForm, phraseWords, wordPairs, pairToken };

self.TLSearch.start({
  load(form, root) {
    const engineUrl = new URL(form.dataset.tlPagefind + "pagefind.js", location.href).href;
    return import(engineUrl).then(async (pagefind) => {
      // No web worker: the work per search is small, and the worker's script would be 12 KB more to fetch.
      // Ranking weights given up front also make init() load the engine itself, so it compiles while the
      // reader types rather than after.
      await pagefind.options({ baseUrl: root, noWorker: true, ranking: RANKING });
      await pagefind.init();
      return pagefind;
    });
  },
  // The full-text bundle has no engine of its own: a second instance of the short index's engine, already
  // running, searches it (hooks/topiclib/search_index.py, WASM_STUB).
  async loadFullText(form, root, pagefind) {
    const basePath = new URL(form.dataset.tlFulltext, location.href).pathname;
    const instance = pagefind.createInstance({ basePath, baseUrl: root, noWorker: true, ranking: RANKING });
    await instance.init();
    return instance;
  },
});
