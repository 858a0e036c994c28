// The search engine of the offline copy (scripts/offline_copy.py), for search-page.js (TLSearch). Pagefind
// cannot run from file://, so the copy ships its indexes as scripts (hooks/topiclib/offline.py): the short one,
// self.TLSearchIndex.short, loaded with the page, and the full text, self.TLSearchIndex.fullText, loaded when
// it is wanted (its address is this script's data-tl-full-text). The engine answers as Pagefind's does:
// search(term, { filters }) gives results whose data() holds the page's url, meta, filters, content and the
// positions of the words found; filters() the totals. Words are read by the page's rules (TLSearch.tokenWord:
// folded, letters and digits only); every word of the query must start a word of the page; pages score by
// BM25 over the weighted counts of their words, a word spelt with the query's diacritics counting
// RANKING.diacriticSimilarity times as much, a whole word more than a longer one it starts.
(function () {
  "use strict";

  const K1 = 1.2; // BM25, as Pagefind
  const B = 0.75;
  const script = document.currentScript;
  const { tokenWord, RANKING } = self.TLSearch;

  // A query word as written, as the index keeps a page's words (offline.py _written): lower case, letters and
  // digits.
  function written(token) {
    return token.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  }

  function passes(page, filters) {
    return Object.entries(filters || {}).every(([facet, { any }]) =>
      (page.filters[facet] || []).some((value) => any.includes(value)),
    );
  }

  function counts(pages, numbers) {
    const totals = {};
    for (const number of numbers) {
      for (const [facet, values] of Object.entries(pages[number].filters)) {
        totals[facet] = totals[facet] || {};
        for (const value of values) {
          totals[facet][value] = (totals[facet][value] || 0) + 1;
        }
      }
    }
    return totals;
  }

  function engine(index, rootHref) {
    const pages = index.pages;
    const keys = Object.keys(index.words);
    const averageLength = pages.reduce((sum, page) => sum + page.words, 0) / (pages.length || 1);

    // The pages that hold a word starting with the query word: page number → [score, positions].
    function matches(token) {
      const folded = tokenWord(token);
      const exact = written(token);
      const found = new Map();
      for (const key of keys) {
        if (!key.startsWith(folded)) {
          continue;
        }
        const forms = Object.entries(index.words[key]);
        const holding = new Set(forms.flatMap(([, postings]) => postings.map((posting) => posting[0]))).size;
        const idf = Math.log(1 + (pages.length - holding + 0.5) / (holding + 0.5));
        for (const [form, postings] of forms) {
          const likeness = (form === exact ? RANKING.diacriticSimilarity : 1) * (folded.length / key.length);
          for (const [number, count, ...positions] of postings) {
            const length = pages[number].words / averageLength;
            const score = (idf * likeness * count * (K1 + 1)) / (count + K1 * (1 - B + B * length));
            const before = found.get(number);
            found.set(number, [Math.max(score, before ? before[0] : 0), [...(before ? before[1] : []), ...positions]]);
          }
        }
      }
      return found;
    }

    function data(number, positions) {
      const page = pages[number];
      return {
        url: new URL(page.url, rootHref).href,
        meta: page.meta,
        filters: page.filters,
        content: page.content || "",
        locations: [...new Set(positions)].sort((a, b) => a - b),
      };
    }

    return {
      async search(term, options) {
        const tokens = (term || "").split(/\s+/).filter((token) => tokenWord(token));
        let found = new Map();
        pages.forEach((page, number) => {
          if (passes(page, options && options.filters)) {
            found.set(number, [0, []]);
          }
        });
        if (term && !tokens.length) {
          found = new Map();
        }
        for (const token of tokens) {
          const these = matches(token);
          const kept = new Map();
          for (const [number, [score, positions]] of found) {
            const match = these.get(number);
            if (match) {
              kept.set(number, [score + match[0], [...positions, ...match[1]]]);
            }
          }
          found = kept;
        }
        const ranked = [...found].sort((a, b) => b[1][0] - a[1][0] || a[0] - b[0]);
        return {
          results: ranked.map(([number, [score, positions]]) => ({
            id: String(number),
            score,
            data: async () => data(number, positions),
          })),
          filters: counts(
            pages,
            ranked.map(([number]) => number),
          ),
        };
      },
      async filters() {
        return counts(
          pages,
          pages.map((page, number) => number),
        );
      },
      async preload() {},
    };
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const element = document.createElement("script");
      element.src = src;
      element.onload = resolve;
      element.onerror = reject;
      document.head.append(element);
    });
  }

  function rootOf(form) {
    return new URL(form.dataset.tlRoot, location.href).href;
  }

  self.TLSearch.start({
    async load(form) {
      const index = self.TLSearchIndex && self.TLSearchIndex.short;
      if (!index) {
        throw new Error("no index");
      }
      return engine(index, rootOf(form));
    },
    async loadFullText(form) {
      if (!(self.TLSearchIndex && self.TLSearchIndex.fullText)) {
        await loadScript(script.dataset.tlFullText);
      }
      return engine(self.TLSearchIndex.fullText, rootOf(form));
    },
  });
})();
