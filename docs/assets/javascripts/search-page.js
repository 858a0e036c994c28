// The search page (tim-kiem/): runs the query and facets from the URL through a search engine and shows the
// results, best first. Only the search page loads it. A classic script, the global TLSearch, so that it also
// runs opened from file://; the page's other script hands it the engine: search.js (Pagefind, on the site) or
// search-offline.js (the offline copy's index, shipped as scripts). Both engines take the same queries and
// the rules below rank for both: words spelt as the indexes spell them (indexForm: "đ" as "ḏ", one tone
// placement; displayForm turns "ḏ" back), all words must match, pages holding the query's words together
// first (pairs), tools, forms and how-to pages first among equals. Two indexes (hooks/topiclib/search.py):
// the short one (titles, descriptions, keywords and headings of every page) answers every search; the
// full-text one is loaded when the short one finds fewer than FEW_RESULTS pages or the reader asks for it.
(function () {
  "use strict";

  const INDEX_D = "\u1e0f";
  const INDEX_D_CAPITAL = "\u1e0e";
  // Same rule as hooks/topiclib/text.py unify_tone_placement, on decomposed text.
  const TONE_ON_LAST_VOWEL =
    /(?<![qQ])([oO][aAeE]|[uU][yY])([\u0300\u0301\u0303\u0309\u0323])(?!\p{L}|[\u0300-\u036f])/gu;
  const PAGE_SIZE = 10;
  const TYPING_DELAY_MS = 150;
  const FEW_RESULTS = 3;
  const EXCERPT_WORDS = 28;
  // A word typed with its diacritics counts three times as much where the page has it spelt the same way
  // (Pagefind's default is 1.8 times): "đức" puts "y đức" above "giáo dục".
  const RANKING = { diacriticSimilarity: 2.0 };
  // Among pages whose words match the query as well, the library's tools come first, then forms, then how-to
  // pages, then topics: who types the name of a paper wants the paper.
  const KIND_ORDER = { tool: 0, form: 1, howto: 2 };

  function indexForm(text) {
    return text
      .normalize("NFD")
      .replace(TONE_ON_LAST_VOWEL, (match, pair, tone) => pair[0] + tone + pair[1])
      .normalize("NFC")
      .replace(/đ/g, INDEX_D)
      .replace(/Đ/g, INDEX_D_CAPITAL);
  }

  function displayForm(text) {
    return text.replace(/\u1e0f/g, "đ").replace(/\u1e0e/g, "Đ");
  }

  // Lower-case, without marks, "đ" as "d": how Pagefind compares words ("ḏ" decomposes to d + a mark).
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function queryWords(term) {
    return fold(term).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // A word as Pagefind indexes a whitespace-separated token: folded, letters and digits only.
  function tokenWord(token) {
    return fold(token).replace(/[^\p{L}\p{N}]/gu, "");
  }

  // A text's words in order, with null where punctuation ends a phrase: "nhân dân, chủ động" → nhan dan null
  // chu dong (hooks/topiclib/search.py phrase_words, tested for parity).
  function phraseWords(text) {
    const words = [];
    for (const token of text.split(/\s+/).filter(Boolean)) {
      const word = tokenWord(token);
      if (/^[^\p{L}\p{N}]/u.test(token)) {
        words.push(null);
      }
      if (word) {
        words.push(word);
      }
      if (/[^\p{L}\p{N}\p{M}]$/u.test(token)) {
        words.push(null);
      }
    }
    return words;
  }

  // The pairs of adjacent words of a phrase, as "a b", each once.
  function wordPairs(text) {
    const words = phraseWords(text);
    const pairs = [];
    for (let i = 1; i < words.length; i += 1) {
      if (words[i - 1] && words[i]) {
        pairs.push(words[i - 1] + " " + words[i]);
      }
    }
    return [...new Set(pairs)];
  }

  // The short index's token for a pair: "dan chu" → ŋdanxchux, ŋdanxchuq in a title (search.py pair_tokens).
  function pairToken(pair, inTitle = false) {
    return "ŋ" + pair.replace(" ", "x") + (inTitle ? "q" : "x");
  }

  // The search, pages that hold the query's words together first: for each pair of adjacent query words, a
  // page scores 2 if its title has them side by side, 1 if its description, keywords or headings have; higher
  // scores come first, and Pagefind's order stays within a score. The short index has a token for every such
  // pair, looked up here; the full-text index has none, and loadPage() scores its pages on their text.
  async function rankedSearch(pagefind, term, filters, withPairs) {
    const search = await pagefind.search(term ? indexForm(term) : null, { filters });
    if (!search) {
      return null;
    }
    const pairs = term ? wordPairs(term) : [];
    const results = search.results;
    results.forEach((result, rank) => Object.assign(result, { rank, score: 0 }));
    if (withPairs && pairs.length && results.length) {
      const byId = new Map(results.map((result) => [result.id, result]));
      for (const pair of pairs) {
        const scores = new Map();
        for (const [token, score] of [
          [pairToken(pair), 1],
          [pairToken(pair, true), 2],
        ]) {
          const found = await pagefind.search(token, { filters });
          for (const hit of found ? found.results : []) {
            scores.set(hit.id, Math.max(scores.get(hit.id) || 0, score));
          }
        }
        for (const [id, score] of scores) {
          const result = byId.get(id);
          if (result) {
            result.score += score;
          }
        }
      }
      results.sort((a, b) => b.score - a.score || a.rank - b.rank);
    }
    return { search, pairs };
  }

  // The next page of results with the data its items show, ordered once more by what the data say: full-text
  // pages by the query's pairs their text holds side by side; among equal scores, the kind of page.
  async function loadPage(results, from, pairs, inText) {
    const page = results.slice(from, from + PAGE_SIZE);
    const data = await Promise.all(page.map((result) => result.data()));
    page.forEach((result, i) => {
      if (inText) {
        result.score = pairsAt(data[i].content, pairs).size;
      }
      const kind = (data[i].filters.kind || [])[0];
      result.kindOrder = result.score ? (KIND_ORDER[kind] ?? 3) : 3;
      result.loaded = data[i];
    });
    page.sort((a, b) => b.score - a.score || a.kindOrder - b.kindOrder || a.rank - b.rank);
    results.splice(from, page.length, ...page);
    return page;
  }

  // The pairs the text holds side by side (no punctuation between them, as phraseWords), each with the word
  // position where it first stands. Pagefind's positions count the whitespace-separated tokens of the content.
  function pairsAt(text, pairs) {
    const found = new Map();
    if (!pairs.length) {
      return found;
    }
    const wanted = new Set(pairs);
    const tokens = text.split(" ");
    for (let i = 1; i < tokens.length; i += 1) {
      const apart = /[^\p{L}\p{N}\p{M}]$/u.test(tokens[i - 1]) || /^[^\p{L}\p{N}]/u.test(tokens[i]);
      const pair = tokenWord(tokens[i - 1]) + " " + tokenWord(tokens[i]);
      if (!apart && wanted.has(pair) && !found.has(pair)) {
        found.set(pair, i - 1);
      }
    }
    return found;
  }

  // About EXCERPT_WORDS words of a full-text page around the query: where its words first stand together if
  // they do, else where most of them are near each other.
  function excerpt(data, pairs, words) {
    const tokens = data.content.split(" ");
    let start = Math.min(...pairsAt(data.content, pairs).values());
    if (!Number.isFinite(start)) {
      let best = -1;
      for (const location of data.locations) {
        const near = new Set();
        for (const token of tokens.slice(location, location + EXCERPT_WORDS / 2)) {
          const folded = fold(token);
          words.filter((word) => folded.startsWith(word)).forEach((word) => near.add(word));
        }
        if (near.size > best) {
          best = near.size;
          start = location;
        }
      }
    }
    start = Math.max(0, (Number.isFinite(start) ? start : 0) - Math.floor(EXCERPT_WORDS / 4));
    const end = Math.min(tokens.length, start + EXCERPT_WORDS);
    return (start > 0 ? "… " : "") + tokens.slice(start, end).join(" ") + (end < tokens.length ? " …" : "");
  }

  // The text with every word that starts with a query word (as Pagefind matches them) in <mark>.
  function highlighted(text, words) {
    const out = document.createDocumentFragment();
    for (const part of text.split(/([\p{L}\p{N}][\p{L}\p{M}\p{N}]*)/u)) {
      if (part && words.some((word) => fold(part).startsWith(word))) {
        const mark = document.createElement("mark");
        mark.textContent = part;
        out.append(mark);
      } else if (part) {
        out.append(part);
      }
    }
    return out;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));
  }

  function start(engines) {
    const form = document.querySelector("[data-tl-search]");
    if (!form) {
      return;
    }
    const labels = JSON.parse(form.dataset.tlStrings || "{}");
    const input = form.querySelector("input[type=search]");
    const details = form.querySelector("[data-tl-facets]");
    const chosen = form.querySelector("[data-tl-chosen]");
    const status = document.getElementById("search-status");
    const ask = document.querySelector("[data-tl-fulltext-ask]");
    const section = document.querySelector("[data-tl-fulltext-section]");
    const fullStatus = document.getElementById("search-fulltext-status");
    const empty = document.querySelector("template[data-tl-empty]");
    // The facets are the page's fieldsets (hooks/topiclib/search.py FACETS), also the engines' filter names.
    const facets = [...form.querySelectorAll("[data-tl-facet]")].map((fieldset) => fieldset.dataset.tlFacet);
    const boxes = [...form.querySelectorAll("[data-tl-facet] input[type=checkbox]")];
    const totals = new Map(boxes.map((box) => [box, box.parentElement.querySelector("[data-tl-count]").textContent]));
    const root = new URL(form.dataset.tlRoot, location.href).pathname;
    // The two result lists: what they hold, how many are shown, the pairs of the query they were ranked by.
    const short = {
      list: document.getElementById("search-results"),
      more: document.querySelector("[data-tl-more]"),
      inText: false,
      results: [],
      shown: 0,
      pairs: [],
    };
    const full = {
      list: document.getElementById("search-fulltext"),
      more: document.querySelector("[data-tl-fulltext-more]"),
      inText: true,
      results: [],
      shown: 0,
      pairs: [],
    };
    let engine = null;
    let fullEngine = null;
    let indexTotals = null;
    let fullTextWanted = false;
    let sequence = 0;
    let timer = 0;

    // The engines (search.js or search-offline.js): `load` resolves to the short index's engine, `loadFullText`
    // to the full text's, given the first. Each is asked for once; a failure is asked again next time.
    function loadEngine() {
      if (!engine) {
        engine = engines.load(form, root);
      }
      return engine;
    }

    function loadFullText() {
      if (!fullEngine) {
        fullEngine = loadEngine().then((shortEngine) => engines.loadFullText(form, root, shortEngine));
      }
      return fullEngine;
    }

    function readUrl() {
      const params = new URLSearchParams(location.search);
      input.value = params.get("q") || "";
      for (const box of boxes) {
        box.checked = params.getAll(box.name).includes(box.value);
      }
    }

    function writeUrl() {
      const params = new URLSearchParams();
      if (input.value.trim()) {
        params.set("q", input.value.trim());
      }
      for (const box of boxes) {
        if (box.checked) {
          params.append(box.name, box.value);
        }
      }
      const query = params.toString();
      const url = location.pathname + (query ? "?" + query : "");
      if (url !== location.pathname + location.search) {
        history.replaceState(null, "", url);
      }
    }

    function chosenFilters() {
      const filters = {};
      for (const facet of facets) {
        const values = boxes.filter((box) => box.name === facet && box.checked).map((box) => box.value);
        if (values.length) {
          filters[facet] = { any: values };
        }
      }
      return filters;
    }

    // Facet counts for the current query need the engine's filter files: fetched when the reader opens the
    // filters (closed by default, as on a phone) or picks one, not for every search. They also give the totals
    // of the site's own pages, which the page itself does not know.
    let countsWanted = false;
    async function wantCounts() {
      if (!countsWanted) {
        countsWanted = true;
        indexTotals = await (await loadEngine()).filters();
        run();
      }
    }

    // Values of one facet add up (any of them), so a facet's counts ignore its own choices: "Nhóm 1 (3)" is what
    // ticking it too would add. Pagefind counts with every chosen filter applied; ask again without each one.
    async function facetCounts(pagefind, term, filters, counts) {
      if (!countsWanted) {
        return counts;
      }
      const merged = { ...counts };
      for (const facet of Object.keys(filters)) {
        const others = { ...filters };
        delete others[facet];
        const search = await pagefind.search(term ? indexForm(term) : null, { filters: others });
        merged[facet] = (search && search.filters[facet]) || {};
      }
      return merged;
    }

    function showCounts(counts) {
      const known = counts && Object.keys(counts).length > 0;
      for (const box of boxes) {
        let count = totals.get(box);
        if (known) {
          count = (counts[box.name] || {})[box.value] || 0;
        } else if (indexTotals) {
          count = (indexTotals[box.name] || {})[box.value] || 0;
        }
        box.parentElement.querySelector("[data-tl-count]").textContent = count;
      }
      const number = boxes.filter((box) => box.checked).length;
      chosen.textContent = number ? format(labels.chosen, { count: number }) : "";
    }

    function resultItem(data, state) {
      const words = queryWords(input.value);
      const meta = Object.fromEntries(Object.entries(data.meta).map(([key, value]) => [key, displayForm(value)]));
      const item = document.createElement("li");
      item.className = "tl-result";
      const title = document.createElement("a");
      title.className = "tl-result__title";
      title.href = data.url;
      title.append(highlighted(meta.title || data.url, words));
      const facts = document.createElement("p");
      facts.className = "tl-result__meta";
      const kind = document.createElement("span");
      kind.className = "tl-badge";
      kind.textContent = meta.kind || "";
      facts.append(kind, meta.group ? " " + meta.group : "");
      const summary = document.createElement("p");
      summary.className = "tl-result__excerpt";
      const text = state.inText ? displayForm(excerpt(data, state.pairs, words)) : meta.description || "";
      summary.append(highlighted(text, words));
      item.append(title, facts, summary);
      // Keywords and section headings show when they hold a query word; of the headings, only those that do.
      for (const [parts, label] of [
        [[meta.tags || ""], labels.tags],
        [(meta.sections || "").split(" · "), labels.sections],
      ]) {
        const matching = parts.map((part) => highlighted(part, words)).filter((part) => part.querySelector("mark"));
        if (matching.length) {
          const line = document.createElement("p");
          line.className = "tl-result__tags";
          line.append(label);
          matching.forEach((part, i) => line.append(i ? " · " : "", part));
          item.append(line);
        }
      }
      return item;
    }

    async function showMore(state, run) {
      const page = await loadPage(state.results, state.shown, state.pairs, state.inText);
      if (run !== sequence) {
        return;
      }
      state.list.append(...page.map((result) => resultItem(result.loaded, state)));
      state.shown += page.length;
      state.more.hidden = state.shown >= state.results.length;
    }

    function describe(count, term, filtered) {
      let text = format(labels.count, { count });
      if (term) {
        text += format(labels.for, { query: term });
      }
      if (filtered) {
        text += labels.filtered;
      }
      if (count > short.shown) {
        text += format(labels.shown, { shown: short.shown });
      }
      return text;
    }

    function clear(state) {
      state.results = [];
      state.shown = 0;
      state.list.replaceChildren();
      state.more.hidden = true;
    }

    async function run() {
      const run = ++sequence;
      const term = input.value.trim();
      const filters = chosenFilters();
      const filtered = Object.keys(filters).length > 0;
      writeUrl();
      if (!term && !filtered) {
        clear(short);
        clear(full);
        section.hidden = true;
        ask.hidden = true;
        showCounts(null);
        status.textContent = labels.ready;
        return;
      }
      let pagefind;
      try {
        pagefind = await loadEngine();
      } catch (error) {
        status.textContent = labels.failed;
        engine = null;
        return;
      }
      const found = await rankedSearch(pagefind, term, filters, true);
      if (run !== sequence || !found) {
        return;
      }
      const counts = await facetCounts(pagefind, term, filters, found.search.filters);
      const page = await loadPage(found.search.results, 0, found.pairs, false);
      if (run !== sequence) {
        return;
      }
      clear(short);
      clear(full);
      section.hidden = true;
      ask.hidden = true;
      Object.assign(short, { results: found.search.results, pairs: found.pairs });
      showCounts(counts);
      if (!page.length) {
        status.textContent = describe(0, term, filtered);
        const help = document.createElement("li");
        help.className = "tl-result tl-result--empty";
        help.append(empty.content.cloneNode(true));
        short.list.append(help);
      } else {
        short.list.append(...page.map((result) => resultItem(result.loaded, short)));
        short.shown = page.length;
        short.more.hidden = short.shown >= short.results.length;
        status.textContent = describe(short.results.length, term, filtered);
      }
      if (term && (fullTextWanted || short.results.length < FEW_RESULTS)) {
        await runFullText(run, term, filters);
      } else if (term) {
        ask.hidden = false;
      }
    }

    async function runFullText(run, term, filters) {
      ask.hidden = true;
      section.hidden = false;
      fullStatus.textContent = labels.fulltext_searching;
      let instance;
      try {
        instance = await loadFullText();
      } catch (error) {
        fullEngine = null;
        fullStatus.textContent = labels.fulltext_failed;
        return;
      }
      const found = await rankedSearch(instance, term, filters, false);
      if (run !== sequence || !found) {
        return;
      }
      clear(full);
      Object.assign(full, { results: found.search.results, pairs: found.pairs });
      await showMore(full, run);
      if (run === sequence) {
        const count = full.results.length;
        fullStatus.textContent = count ? format(labels.fulltext_count, { count }) : labels.fulltext_none;
      }
    }

    // While the reader types, fetch the index files the words need; search once they pause.
    function later() {
      clearTimeout(timer);
      sequence += 1; // results still arriving for the words typed so far are not shown any more
      const term = input.value.trim();
      if (term) {
        loadEngine()
          .then((pagefind) => pagefind.preload(indexForm(term)))
          .catch(() => {});
        if (fullTextWanted) {
          loadFullText()
            .then((instance) => instance.preload(indexForm(term)))
            .catch(() => {});
        }
      }
      // One letter matches most of the library: wait for a second one (Enter still searches).
      if (term.length !== 1) {
        timer = setTimeout(run, TYPING_DELAY_MS);
      }
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      run();
    });
    input.addEventListener("input", later);
    for (const box of boxes) {
      box.addEventListener("change", run);
    }
    for (const state of [short, full]) {
      state.more.addEventListener("click", async () => {
        const first = state.shown;
        await showMore(state, sequence);
        const link = state.list.children[first] && state.list.children[first].querySelector("a");
        if (link) {
          link.focus();
        }
        if (state === short) {
          status.textContent = describe(short.results.length, input.value.trim(), Object.keys(chosenFilters()).length > 0);
        }
      });
    }
    ask.addEventListener("click", async () => {
      fullTextWanted = true;
      await runFullText(sequence, input.value.trim(), chosenFilters());
      const link = full.list.querySelector("a");
      if (link) {
        link.focus();
      }
    });
    // Arrow down from the search box goes to the first result; Enter there opens it.
    input.addEventListener("keydown", (event) => {
      const first = short.list.querySelector("a.tl-result__title") || full.list.querySelector("a");
      if (event.key === "ArrowDown" && first) {
        event.preventDefault();
        first.focus();
      }
    });
    // The header box on this page searches in place.
    const header = document.querySelector(".tl-header-search");
    if (header) {
      header.addEventListener("submit", (event) => {
        event.preventDefault();
        input.value = header.querySelector("input").value;
        run();
        input.focus();
      });
    }

    details.addEventListener("toggle", () => {
      if (details.open) {
        wantCounts().catch(() => {});
      }
    });

    readUrl();
    if (boxes.some((box) => box.checked)) {
      details.open = true;
    }
    loadEngine().catch(() => {}); // start fetching the engine while the reader types
    run();
    if (!input.value) {
      input.focus();
    }
  }

  self.TLSearch = { indexForm, displayForm, fold, tokenWord, phraseWords, wordPairs, pairToken, RANKING, start };
})();
