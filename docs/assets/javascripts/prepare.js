// "Chuẩn bị buổi sinh hoạt" (chuan-bi/): the form's controller. The secretary types the cell's details once,
// chooses a topic, and the five papers of that meeting are filled in on the page, to print or to download as
// Word files made here (papers.js, fflate). Nothing leaves the browser: the state lives in the page's URL
// (one parameter per field, `cd` for the topic) and the cell's own details also in localStorage.
//
// A classic script (not a module), loaded after papers.js and the data scripts, so the page works from file://.
// Text typed by the user reaches the page only through `value` and `textContent`.
(function () {
  "use strict";

  var STORAGE_KEY = "tl-chuan-bi";
  var MAX_OPTIONS = 30; // options listed at once; more are counted ("… và 12 chuyên đề khác")
  var RENDER_DELAY_MS = 120; // papers are re-rendered once typing pauses this long
  var CHECK_DELAY_MS = 600; // a new error is shown once typing pauses; a shown one clears at once
  var URL_DELAY_MS = 400; // the address follows the form once typing pauses
  var DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  var KIND_ORDER = { session: 0, guide: 1 };
  var CLOCK = /^(\d{1,2}):(\d{2})$/;
  var WHOLE = /^\d+$/;

  var ui = {}; // elements of the page
  var strings = {};
  var controls = []; // {id, type, remember, input, native, error, describedBy, timer}
  var byId = {};
  var index = []; // the topics, with their words folded for matching
  var state = { topic: null, data: null, combinedChosen: false, printing: false };
  var matches = [];
  var active = -1;
  var renderTimer = null;
  var urlTimer = null;

  function init() {
    ui.form = document.querySelector("[data-tl-prepare]");
    if (!ui.form) {
      return;
    }
    strings = JSON.parse(ui.form.getAttribute("data-tl-strings") || "{}");
    ui.papersHref = ui.form.getAttribute("data-tl-papers") || "du-lieu/cd/";
    ui.topic = ui.form.querySelector("[data-tl-topic]");
    ui.popup = ui.form.querySelector("[data-tl-popup]");
    ui.list = document.getElementById(ui.topic.getAttribute("aria-controls"));
    ui.more = ui.form.querySelector("[data-tl-more]");
    ui.count = ui.form.querySelector("[data-tl-count]");
    ui.chosen = ui.form.querySelector("[data-tl-chosen]");
    ui.forget = ui.form.querySelector("[data-tl-forget]");
    ui.forgetStatus = ui.form.querySelector("[data-tl-forget-status]");
    ui.startHint = ui.form.querySelector("[data-tl-start-hint]");
    ui.deadline = document.querySelector("[data-tl-deadline]");
    ui.output = document.querySelector("[data-tl-output]");
    ui.intro = document.querySelector("[data-tl-intro]");
    ui.introText = ui.intro.textContent;

    var data = window.TLData || {};
    if (!window.TLPapers || !data.topics) {
      say(ui.intro, strings.topic_failed);
      return;
    }
    index = data.topics.map(function (row, position) {
      return {
        slug: row[0],
        title: row[1],
        kind: row[2],
        group: row[3],
        href: row[5],
        position: position,
        titleWords: words(row[1]),
        words: words(row[1] + " " + row[3] + " " + row[4]),
      };
    });

    ui.form.querySelectorAll("[data-tl-field]").forEach(function (input) {
      var control = {
        id: input.getAttribute("data-tl-field"),
        type: input.getAttribute("data-tl-type"),
        remember: input.hasAttribute("data-tl-remember"),
        input: input,
        native: input.type,
        error: document.getElementById(input.id + "-error"),
        describedBy: input.getAttribute("aria-describedby") || "",
        timer: null,
      };
      controls.push(control);
      byId[control.id] = control;
    });

    restore();
    wire();
    showDeadline();
  }

  // ---- State: the URL first, then what this browser remembers of the cell ----

  function restore() {
    var params = new URLSearchParams(window.location.search);
    var remembered = readStorage();
    controls.forEach(function (control) {
      var value = params.get(control.id);
      if (control.type === "flag") {
        if (value === "0" || value === "1") {
          control.input.checked = value === "1";
          state.combinedChosen = true;
        }
        return;
      }
      if (value === null && control.remember && remembered && typeof remembered[control.id] === "string") {
        value = remembered[control.id];
      }
      if (value) {
        setValue(control, value.normalize("NFC"));
        check(control, true);
      }
    });
    var slug = params.get(ui.topic.getAttribute("data-tl-topic"));
    if (slug) {
      var entry = findSlug(slug);
      if (entry) {
        choose(entry, false);
      } else {
        say(ui.chosen, format(strings.topic_unknown, { slug: slug }));
      }
    }
    writeUrl(); // the address holds the remembered details too, so it can be sent as it is
  }

  // While typing, the address changes once typing pauses: every change of address makes some browsers fetch
  // the page's icon again.
  function scheduleUrl() {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(writeUrl, URL_DELAY_MS);
  }

  function flushUrl() {
    if (urlTimer !== null) {
      writeUrl();
    }
  }

  function writeUrl() {
    clearTimeout(urlTimer);
    urlTimer = null;
    var params = new URLSearchParams();
    if (state.topic) {
      params.set(ui.topic.getAttribute("data-tl-topic"), state.topic.slug);
    }
    controls.forEach(function (control) {
      if (control.type === "flag") {
        if (state.combinedChosen) {
          params.set(control.id, control.input.checked ? "1" : "0");
        }
        return;
      }
      var value = rawValue(control);
      if (value.trim()) {
        params.set(control.id, value);
      }
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try {
      window.history.replaceState(window.history.state, "", url);
    } catch (error) {
      // Some browsers refuse to change a file:// address: the page still works, the link just does not follow.
    }
  }

  function readStorage() {
    try {
      var text = window.localStorage.getItem(STORAGE_KEY);
      var value = text ? JSON.parse(text) : null;
      return value && typeof value === "object" ? value : null;
    } catch (error) {
      return null; // storage switched off (privacy mode, file://) or a broken entry: remember nothing
    }
  }

  function remember() {
    var cell = {};
    controls.forEach(function (control) {
      var value = rawValue(control).trim();
      if (control.remember && value && valid(control)) {
        cell[control.id] = value;
      }
    });
    try {
      if (Object.keys(cell).length) {
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify(cell));
      } else {
        window.localStorage.removeItem(STORAGE_KEY);
      }
    } catch (error) {
      say(ui.forgetStatus, strings.storage_off);
    }
  }

  function forget() {
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      // nothing was stored
    }
    controls.forEach(function (control) {
      if (control.remember) {
        setValue(control, "");
        check(control, true);
      }
    });
    say(ui.forgetStatus, strings.forgotten);
    changed();
  }

  // ---- Fields: values, checks ----

  function setValue(control, value) {
    var input = control.input;
    if (input.type !== "text" && value && !fitsNative(control.type, value)) {
      // A native date or time box cannot hold a value that is not one (from a link, say): show it as text,
      // with its message, rather than lose it. It turns back into a date or time box once it is right.
      input.type = "text";
    }
    input.value = value;
  }

  function fitsNative(type, value) {
    if (type === "date") {
      return isoDate(value) !== null;
    }
    var clock = /^(\d{2}):(\d{2})$/.exec(value);
    return type !== "time" || (!!clock && Number(clock[1]) <= 23 && Number(clock[2]) <= 59);
  }

  function rawValue(control) {
    return control.input.value.normalize("NFC");
  }

  function valid(control) {
    var input = control.input;
    if (input.validity && input.validity.badInput) {
      return false; // a native box holding something half typed
    }
    var value = rawValue(control).trim();
    if (!value) {
      return true;
    }
    if (control.type === "date") {
      return isoDate(value) !== null;
    }
    if (control.type === "time") {
      var clock = CLOCK.exec(value);
      return !!clock && Number(clock[1]) <= 23 && Number(clock[2]) <= 59;
    }
    if (control.type === "count") {
      return WHOLE.test(value) && Number(value) > 0;
    }
    return true;
  }

  function check(control, now) {
    if (!control.error) {
      return;
    }
    clearTimeout(control.timer);
    var ok = valid(control);
    var shown = control.input.getAttribute("aria-invalid") === "true";
    if (ok || now || shown) {
      mark(control, ok);
    } else if (!control.input.validity.badInput) {
      // A native date or time box that is half filled in is not wrong yet: it is checked when it is left.
      control.timer = setTimeout(function () {
        mark(control, valid(control));
      }, CHECK_DELAY_MS);
    }
  }

  function mark(control, ok) {
    var input = control.input;
    control.error.hidden = ok;
    if (ok) {
      input.removeAttribute("aria-invalid");
      setDescribedBy(input, control.describedBy);
    } else {
      input.setAttribute("aria-invalid", "true");
      setDescribedBy(input, (control.error.id + " " + control.describedBy).trim());
    }
  }

  function setDescribedBy(input, ids) {
    if (ids) {
      input.setAttribute("aria-describedby", ids);
    } else {
      input.removeAttribute("aria-describedby");
    }
  }

  function restoreNative(control) {
    var input = control.input;
    var value = rawValue(control).trim();
    if (input.type !== control.native && (!value || fitsNative(control.type, value))) {
      input.type = control.native;
      input.value = value;
    }
  }

  // What the papers print: only values that are right (the others stay blank on paper), NFC, trimmed.
  function paperValues() {
    var values = {};
    controls.forEach(function (control) {
      if (control.type === "flag") {
        values[control.id] = control.input.checked ? "1" : "0";
        return;
      }
      var value = rawValue(control).trim();
      if (!valid(control)) {
        value = "";
      } else if (control.type === "count" && value) {
        value = String(Number(value));
      } else if (control.type === "time" && value.length === 4) {
        value = "0" + value;
      }
      values[control.id] = value;
    });
    return values;
  }

  // A Date (UTC midnight) for a real YYYY-MM-DD date, else null; the papers use the same check (TLPapers.isDate).
  function isoDate(value) {
    if (!window.TLPapers.isDate(value)) {
      return null;
    }
    var parts = value.split("-").map(Number);
    var date = new Date(0);
    date.setUTCFullYear(parts[0], parts[1] - 1, parts[2]);
    return date;
  }

  function showDeadline() {
    var control = byId.ngay;
    var date = control && valid(control) ? isoDate(rawValue(control).trim()) : null;
    if (!date) {
      say(ui.deadline, strings.deadline_unknown);
      return;
    }
    var before = new Date(date.getTime() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    var text = window.TLPapers.fieldText({ field: control.id, as: "date" }, single(control.id, before));
    say(ui.deadline, format(strings.deadline, { date: text }));
  }

  // ---- The topic chooser (ARIA combobox with a listbox, first match selected automatically) ----

  function words(text) {
    return window.TLPapers.fold(text)
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  }

  function matchesOf(query) {
    var wanted = words(query);
    var found = index.filter(function (entry) {
      return wanted.every(function (word) {
        return hasPrefix(entry.words, word);
      });
    });
    found.forEach(function (entry) {
      entry.inTitle = wanted.every(function (word) {
        return hasPrefix(entry.titleWords, word);
      });
    });
    return found.sort(function (a, b) {
      return (
        kindOrder(a.kind) - kindOrder(b.kind) ||
        (a.inTitle ? 0 : 1) - (b.inTitle ? 0 : 1) ||
        a.position - b.position
      );
    });
  }

  function kindOrder(kind) {
    return Object.prototype.hasOwnProperty.call(KIND_ORDER, kind) ? KIND_ORDER[kind] : 2;
  }

  function hasPrefix(list, word) {
    for (var i = 0; i < list.length; i += 1) {
      if (list[i].lastIndexOf(word, 0) === 0) {
        return true;
      }
    }
    return false;
  }

  function findSlug(slug) {
    for (var i = 0; i < index.length; i += 1) {
      if (index[i].slug === slug) {
        return index[i];
      }
    }
    return null;
  }

  function openList(query, first) {
    matches = matchesOf(query);
    clear(ui.list);
    matches.slice(0, MAX_OPTIONS).forEach(function (entry, position) {
      var option = document.createElement("li");
      option.id = ui.list.id + "-" + position;
      option.className = "tl-combobox__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var title = document.createElement("span");
      title.className = "tl-combobox__title";
      title.textContent = entry.title;
      var meta = document.createElement("span");
      meta.className = "tl-combobox__meta";
      meta.textContent = kindName(entry.kind) + " · " + entry.group;
      option.appendChild(title);
      option.appendChild(meta);
      option.addEventListener("click", function () {
        choose(entry, true);
      });
      ui.list.appendChild(option);
    });
    var extra = matches.length - MAX_OPTIONS;
    say(ui.more, matches.length === 0 ? format(strings.topic_none, { query: query.trim() }) : "");
    if (extra > 0) {
      say(ui.more, format(strings.topic_more, { count: extra }));
    }
    say(ui.count, matches.length ? format(strings.topic_count, { count: matches.length }) : ui.more.textContent);
    ui.popup.hidden = false;
    ui.topic.setAttribute("aria-expanded", "true");
    setActive(matches.length ? first : -1);
  }

  function closeList() {
    ui.popup.hidden = true;
    ui.topic.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  function isOpen() {
    return !ui.popup.hidden;
  }

  function setActive(position) {
    var options = ui.list.children;
    if (active >= 0 && options[active]) {
      options[active].setAttribute("aria-selected", "false");
      options[active].classList.remove("tl-combobox__option--active");
    }
    active = position;
    if (active >= 0 && options[active]) {
      options[active].setAttribute("aria-selected", "true");
      options[active].classList.add("tl-combobox__option--active");
      ui.topic.setAttribute("aria-activedescendant", options[active].id);
      scrollIntoList(options[active]);
    } else {
      ui.topic.removeAttribute("aria-activedescendant");
    }
  }

  function scrollIntoList(option) {
    var list = ui.list;
    if (option.offsetTop < list.scrollTop) {
      list.scrollTop = option.offsetTop;
    } else if (option.offsetTop + option.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = option.offsetTop + option.offsetHeight - list.clientHeight;
    }
  }

  function move(step) {
    var count = ui.list.children.length;
    if (!isOpen()) {
      openList(ui.topic.value === (state.topic && state.topic.title) ? "" : ui.topic.value, -1);
      count = ui.list.children.length;
    }
    if (!count) {
      return;
    }
    var next = active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count;
    setActive(next);
  }

  function onTopicKey(event) {
    if (event.key === "ArrowDown" || event.key === "Down") {
      event.preventDefault();
      move(1);
    } else if (event.key === "ArrowUp" || event.key === "Up") {
      event.preventDefault();
      move(-1);
    } else if (event.key === "Enter") {
      event.preventDefault(); // never submit the form
      if (isOpen() && active >= 0) {
        choose(matches[active], true);
      }
    } else if (event.key === "Escape" || event.key === "Esc") {
      if (isOpen()) {
        event.preventDefault();
        closeList();
      } else if (state.topic) {
        ui.topic.value = state.topic.title;
      }
    }
  }

  function onTopicBlur() {
    closeList();
    if (!ui.topic.value.trim()) {
      if (state.topic) {
        unchoose();
      }
    } else if (state.topic) {
      ui.topic.value = state.topic.title;
    }
  }

  function choose(entry, byUser) {
    closeList();
    ui.topic.value = entry.title;
    state.topic = entry;
    state.data = null;
    var line = format(strings.topic_chosen, { title: entry.title, kind: kindName(entry.kind), group: entry.group });
    say(ui.chosen, line + " ");
    if (entry.href) {
      var link = document.createElement("a");
      link.href = entry.href;
      link.textContent = strings.topic_page;
      ui.chosen.appendChild(link);
    }
    if (byUser) {
      writeUrl();
    }
    load(entry);
  }

  function unchoose() {
    state.topic = null;
    state.data = null;
    say(ui.chosen, "");
    say(ui.startHint, "");
    clear(ui.output);
    showIntro(ui.introText);
    writeUrl();
  }

  function load(entry) {
    var papers = (window.TLData && window.TLData.papers) || {};
    if (papers[entry.slug]) {
      ready(entry, papers[entry.slug]);
      return;
    }
    showIntro(strings.topic_loading);
    window.TLPapers.loadScript(ui.papersHref + encodeURIComponent(entry.slug) + ".js").then(
      function () {
        var loaded = (window.TLData && window.TLData.papers) || {};
        if (state.topic !== entry) {
          return; // another topic was chosen meanwhile
        }
        if (loaded[entry.slug]) {
          ready(entry, loaded[entry.slug]);
        } else {
          showIntro(strings.topic_failed);
        }
      },
      function () {
        if (state.topic === entry) {
          showIntro(strings.topic_failed);
        }
      }
    );
  }

  function ready(entry, data) {
    state.data = data;
    var flag = controls.filter(function (control) {
      return control.type === "flag";
    })[0];
    if (flag && !state.combinedChosen) {
      flag.input.checked = !!data.combined; // the script's own choice, until the user says otherwise
    }
    say(ui.startHint, data.start ? format(strings.start_default, { start: data.start }) : "");
    build();
  }

  // ---- Output: one section per paper, each with its Word download and print buttons ----

  function currentDocs() {
    var flag = byId.ket_hop;
    var papers = state.data.papers;
    return papers[flag && flag.input.checked ? "1" : "0"] || papers["0"];
  }

  function build() {
    clear(ui.output);
    var docs = currentDocs();
    state.docs = docs;
    state.sheets = [];
    var bar = element("div", "tl-papers__bar tl-no-print");
    bar.appendChild(button(strings.download_zip, "md-button md-button--primary", downloadAll));
    bar.appendChild(
      button(strings.print_all, "md-button", function () {
        printPapers(null);
      })
    );
    ui.status = element("p", "tl-papers__status");
    ui.status.setAttribute("role", "status");
    bar.appendChild(ui.status);
    ui.output.appendChild(bar);
    docs.forEach(function (doc, position) {
      var section = element("section", "tl-paper");
      section.setAttribute("data-tl-paper", doc.id);
      var heading = element("h2", "tl-paper__name tl-no-print");
      heading.id = "tl-paper-" + position;
      heading.textContent = doc.name;
      section.appendChild(heading);
      var tools = element("div", "tl-paper__bar tl-no-print");
      var word = button(strings.download_docx, "md-button", function () {
        downloadOne(doc);
      });
      var printOne = button(strings.print_one, "md-button", function () {
        printPapers(section);
      });
      [word, printOne].forEach(function (item) {
        item.setAttribute("aria-describedby", heading.id);
        tools.appendChild(item);
      });
      section.appendChild(tools);
      var sheet = element("div", "tl-paper__sheet");
      sheet.tabIndex = 0; // the paper may scroll sideways on a phone: reachable with the keyboard
      sheet.setAttribute("aria-describedby", heading.id);
      section.appendChild(sheet);
      state.sheets.push(sheet);
      ui.output.appendChild(section);
    });
    renderNow();
  }

  function renderNow() {
    clearTimeout(renderTimer);
    renderTimer = null;
    if (!state.data || !state.sheets) {
      return;
    }
    var values = paperValues();
    state.docs.forEach(function (doc, position) {
      var sheet = state.sheets[position];
      clear(sheet);
      sheet.appendChild(window.TLPapers.renderHTML(doc, values));
    });
  }

  function scheduleRender() {
    clearTimeout(renderTimer);
    renderTimer = setTimeout(renderNow, RENDER_DELAY_MS);
  }

  function downloadOne(doc) {
    make(function () {
      var name = doc.file + ".docx";
      save(window.TLPapers.docx(doc, paperValues()), name, DOCX_TYPE);
      return name;
    });
  }

  function downloadAll() {
    make(function () {
      var values = paperValues();
      var files = state.docs.map(function (doc) {
        return { name: doc.file + ".docx", data: window.TLPapers.docx(doc, values) };
      });
      var name = format(strings.zip_name, { slug: state.topic.slug });
      save(window.TLPapers.zip(files), name, "application/zip");
      return name;
    });
  }

  function make(task) {
    renderNow();
    try {
      say(ui.status, format(strings.made, { file: task() }));
    } catch (error) {
      say(ui.status, format(strings.make_failed, { error: String((error && error.message) || error) }));
    }
  }

  function save(bytes, name, type) {
    var url = URL.createObjectURL(new Blob([bytes], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 60000);
  }

  // Printing one paper marks it and <body>; prepare.css hides the rest in print. The marks go when printing
  // ends (afterprint; phones may return from print() before they lay out the page), or when the next print
  // starts, so a later Ctrl+P prints every paper again.
  function printPapers(section) {
    endPrint();
    renderNow();
    if (section) {
      document.body.classList.add("tl-print-one");
      section.classList.add("tl-print-target");
    }
    state.printing = true;
    window.print();
  }

  function endPrint() {
    state.printing = false;
    document.body.classList.remove("tl-print-one");
    document.querySelectorAll(".tl-print-target").forEach(function (section) {
      section.classList.remove("tl-print-target");
    });
  }

  // ---- Events ----

  function wire() {
    ui.form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    ui.topic.addEventListener("input", function () {
      if (ui.topic.value.trim()) {
        openList(ui.topic.value, 0);
      } else {
        closeList();
      }
    });
    ui.topic.addEventListener("keydown", onTopicKey);
    ui.topic.addEventListener("blur", onTopicBlur);
    ui.popup.addEventListener("mousedown", function (event) {
      event.preventDefault(); // a click in the list (its scroll bar too) keeps the focus in the box
    });
    controls.forEach(function (control) {
      var input = control.input;
      input.addEventListener(control.type === "flag" ? "change" : "input", function () {
        if (control.type === "flag") {
          state.combinedChosen = true;
          if (state.data) {
            build();
          }
        } else {
          check(control, false);
          scheduleRender();
        }
        if (control.type === "date") {
          showDeadline();
        }
        if (control.remember) {
          remember();
        }
        scheduleUrl();
      });
      input.addEventListener("blur", function () {
        check(control, true);
        restoreNative(control);
        flushUrl();
      });
    });
    ui.forget.addEventListener("click", forget);
    window.addEventListener("beforeprint", function () {
      if (!state.printing) {
        endPrint(); // Ctrl+P: every paper
      }
      renderNow();
    });
    window.addEventListener("afterprint", endPrint);
    window.addEventListener("pagehide", flushUrl);
  }

  function changed() {
    showDeadline();
    scheduleRender();
    writeUrl();
  }

  // ---- Small helpers ----

  function showIntro(text) {
    clear(ui.output);
    ui.intro.textContent = text;
    ui.output.appendChild(ui.intro);
    state.sheets = null;
  }

  function kindName(kind) {
    return (strings.kinds && strings.kinds[kind]) || kind;
  }

  function single(key, value) {
    var values = {};
    values[key] = value;
    return values;
  }

  function format(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function say(target, text) {
    if (target) {
      target.textContent = text || "";
    }
  }

  function clear(target) {
    while (target.firstChild) {
      target.removeChild(target.firstChild);
    }
  }

  function element(tag, className) {
    var node = document.createElement(tag);
    node.className = className;
    return node;
  }

  function button(label, className, onClick) {
    var node = element("button", className);
    node.type = "button";
    node.textContent = label;
    node.addEventListener("click", onClick);
    return node;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
