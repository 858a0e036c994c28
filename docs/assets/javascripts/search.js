// The search page (tim-kiem/): runs the query and facets from the URL with Pagefind and shows the results,
// best first. Only this page loads it. The index is lower-case, spells "đ" as "d" + U+0335 and uses one tone
// placement (hooks/topiclib/search.py); indexForm() spells the query the same way, displayForm() turns the
// stroke back.
const STROKE = "\u0335";
// Same rule as hooks/topiclib/text.py unify_tone_placement, on decomposed text.
const TONE_ON_LAST_VOWEL =
  /(?<![qQ])([oO][aAeE]|[uU][yY])([\u0300\u0301\u0303\u0309\u0323])(?!\p{L}|[\u0300-\u036f])/gu;
const PAGE_SIZE = 10;
const TYPING_DELAY_MS = 150;
// A word typed with its diacritics counts three times as much where the page has it spelt the same way
// (Pagefind's default is 1.8 times): "đức" puts "y đức" above "giáo dục".
const RANKING = { diacriticSimilarity: 2.0 };

export function indexForm(text) {
  return text
    .normalize("NFD")
    .replace(TONE_ON_LAST_VOWEL, (match, pair, tone) => pair[0] + tone + pair[1])
    .normalize("NFC")
    .toLowerCase()
    .replace(/đ/g, "d" + STROKE);
}

export function displayForm(text) {
  return text.replace(/d\u0335/g, "đ").replace(/D\u0335/g, "Đ");
}

// Lower-case, without marks, "đ" as "d": how words are compared for highlighting.
function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

function queryWords(term) {
  return fold(term).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
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

function init() {
  const form = document.querySelector("[data-tl-search]");
  if (!form) {
    return;
  }
  const labels = JSON.parse(form.dataset.tlStrings || "{}");
  const input = form.querySelector("input[type=search]");
  const details = form.querySelector("[data-tl-facets]");
  const chosen = form.querySelector("[data-tl-chosen]");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.querySelector("[data-tl-more]");
  const empty = document.querySelector("template[data-tl-empty]");
  // The facets are the page's fieldsets (hooks/topiclib/search.py FACETS), also Pagefind's filter names.
  const facets = [...form.querySelectorAll("[data-tl-facet]")].map((fieldset) => fieldset.dataset.tlFacet);
  const boxes = [...form.querySelectorAll("[data-tl-facet] input[type=checkbox]")];
  const totals = new Map(boxes.map((box) => [box, box.parentElement.querySelector("[data-tl-count]").textContent]));
  const root = new URL(form.dataset.tlRoot, location.href).pathname;
  let engine = null;
  let current = [];
  let shown = 0;
  let sequence = 0;
  let timer = 0;

  function loadEngine() {
    if (!engine) {
      engine = import(new URL(form.dataset.tlPagefind + "pagefind.js", location.href).href).then(async (pagefind) => {
        // No web worker: the work per search is small, and the worker's script would be 12 KB more to fetch.
        // Ranking weights given up front also make init() load the engine itself, so it compiles while the
        // reader types rather than after.
        await pagefind.options({ baseUrl: root, noWorker: true, ranking: RANKING });
        await pagefind.init();
        return pagefind;
      });
    }
    return engine;
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

  // Facet counts for the current query need Pagefind's filter files: fetched when the reader opens the
  // filters (closed by default, as on a phone) or picks one, not for every search.
  let countsWanted = false;
  async function wantCounts() {
    if (!countsWanted) {
      countsWanted = true;
      await (await loadEngine()).filters();
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
      const count = known ? (counts[box.name] || {})[box.value] || 0 : totals.get(box);
      box.parentElement.querySelector("[data-tl-count]").textContent = count;
    }
    const number = boxes.filter((box) => box.checked).length;
    chosen.textContent = number ? format(labels.chosen, { count: number }) : "";
  }

  function resultItem(data) {
    const words = queryWords(input.value);
    const meta = Object.fromEntries(Object.entries(data.meta).map(([key, value]) => [key, displayForm(value)]));
    const item = document.createElement("li");
    item.className = "tl-result";
    const title = document.createElement("a");
    title.className = "tl-result__title";
    title.href = data.url;
    title.append(highlighted(meta.title, words));
    const facts = document.createElement("p");
    facts.className = "tl-result__meta";
    const kind = document.createElement("span");
    kind.className = "tl-badge";
    kind.textContent = meta.kind || "";
    facts.append(kind, " " + (meta.group || ""));
    const excerpt = document.createElement("p");
    excerpt.className = "tl-result__excerpt";
    excerpt.append(highlighted(meta.description || "", words));
    item.append(title, facts, excerpt);
    const tags = highlighted(meta.tags || "", words);
    if (tags.querySelector("mark")) {
      const line = document.createElement("p");
      line.className = "tl-result__tags";
      line.append(labels.tags, tags);
      item.append(line);
    }
    return item;
  }

  // Each result appears as soon as its own data has arrived, in rank order.
  async function showMore(run) {
    const pending = current.slice(shown, shown + PAGE_SIZE).map((result) => result.data());
    for (const data of pending) {
      const item = resultItem(await data);
      if (run !== sequence) {
        return;
      }
      list.append(item);
      shown += 1;
    }
    more.hidden = shown >= current.length;
  }

  function describe(count, term, filtered) {
    let text = format(labels.count, { count });
    if (term) {
      text += format(labels.for, { query: term });
    }
    if (filtered) {
      text += labels.filtered;
    }
    if (count > shown) {
      text += format(labels.shown, { shown });
    }
    return text;
  }

  async function run() {
    const run = ++sequence;
    const term = input.value.trim();
    const filters = chosenFilters();
    const filtered = Object.keys(filters).length > 0;
    writeUrl();
    if (!term && !filtered) {
      current = [];
      list.replaceChildren();
      more.hidden = true;
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
    const search = await pagefind.search(term ? indexForm(term) : null, { filters });
    if (run !== sequence || !search) {
      return;
    }
    current = search.results;
    shown = 0;
    list.replaceChildren();
    showCounts(await facetCounts(pagefind, term, filters, search.filters));
    if (run !== sequence) {
      return;
    }
    if (!current.length) {
      more.hidden = true;
      status.textContent = describe(0, term, filtered);
      const help = document.createElement("li");
      help.className = "tl-result tl-result--empty";
      help.append(empty.content.cloneNode(true));
      list.append(help);
      return;
    }
    await showMore(run);
    if (run === sequence) {
      status.textContent = describe(current.length, term, filtered);
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
  more.addEventListener("click", async () => {
    const first = shown;
    await showMore(sequence);
    const link = list.children[first] && list.children[first].querySelector("a");
    if (link) {
      link.focus();
    }
    status.textContent = describe(current.length, input.value.trim(), Object.keys(chosenFilters()).length > 0);
  });
  // Arrow down from the search box goes to the first result; Enter there opens it.
  input.addEventListener("keydown", (event) => {
    const first = list.querySelector("a");
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

init();
