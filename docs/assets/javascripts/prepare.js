// "Chuẩn bị buổi sinh hoạt" (chuan-bi/): the form's controller. The secretary types the cell's details once,
// chooses a topic, and the five papers of that meeting are filled in on the page, to print or to download as
// Word files made here (papers.js, fflate). Nothing leaves the browser: the state lives in the page's URL
// (one parameter per field, `cd` for the topic) and the cell's own details also in localStorage.
//
// A classic script (not a module), loaded after papers.js, the data scripts and form-kit.js (TLForm: the topic
// chooser, the remembered cell, the address), so the page works from file://. Text typed by the user reaches the
// page only through `value` and `textContent`.
(function () {
  "use strict";

  var RENDER_DELAY_MS = 120; // papers are re-rendered once typing pauses this long
  var CHECK_DELAY_MS = 600; // a new error is shown once typing pauses; a shown one clears at once
  var URL_DELAY_MS = 400; // the address follows the form once typing pauses
  var DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  var CLOCK = /^(\d{1,2}):(\d{2})$/;
  var WHOLE = /^\d+$/;

  var form = window.TLForm || {}; // form-kit.js
  var format = form.format;
  var say = form.say;
  var clear = form.clear;
  var element = form.element;
  var button = form.button;
  var ui = {}; // elements of the page
  var strings = {};
  var controls = []; // {id, type, remember, input, native, error, describedBy, timer}
  var byId = {};
  var index = []; // the topics, with their words folded for matching
  var state = { topic: null, data: null, combinedChosen: false, printing: false };
  var topicBox = null;
  var render = null; // form.later: the papers redrawn once typing pauses
  var address = null; // the address follows the form: address.run() now, address.schedule() once typing pauses

  function init() {
    ui.form = document.querySelector("[data-tl-prepare]");
    if (!ui.form) {
      return;
    }
    strings = JSON.parse(ui.form.getAttribute("data-tl-strings") || "{}");
    ui.papersHref = ui.form.getAttribute("data-tl-papers") || "du-lieu/cd/";
    ui.topic = ui.form.querySelector("[data-tl-topic]");
    ui.chosen = ui.form.querySelector("[data-tl-chosen]");
    ui.forget = ui.form.querySelector("[data-tl-forget]");
    ui.forgetStatus = ui.form.querySelector("[data-tl-forget-status]");
    ui.startHint = ui.form.querySelector("[data-tl-start-hint]");
    ui.deadline = document.querySelector("[data-tl-deadline]");
    ui.output = document.querySelector("[data-tl-output]");
    ui.intro = document.querySelector("[data-tl-intro]");
    ui.introText = ui.intro.textContent;

    var data = window.TLData || {};
    if (!window.TLPapers || !window.TLForm || !data.topics) {
      ui.intro.textContent = strings.topic_failed || "";
      return;
    }
    index = form.topicIndex(data.topics);
    address = form.later(writeUrl, URL_DELAY_MS);
    render = form.later(renderNow, RENDER_DELAY_MS, ui.output);
    topicBox = form.combobox({
      input: ui.topic,
      popup: ui.form.querySelector("[data-tl-popup]"),
      more: ui.form.querySelector("[data-tl-more]"),
      count: ui.form.querySelector("[data-tl-count]"),
      strings: strings,
      entries: function () {
        return index;
      },
      meta: function (entry) {
        return kindName(entry.kind) + " · " + entry.group;
      },
      onChoose: chosen,
      onEmpty: unchoose,
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
    var remembered = form.rememberedCell();
    controls.forEach(function (control) {
      var value = params.get(control.id);
      if (control.type === "flag") {
        if (value === "0" || value === "1") {
          control.input.checked = value === "1";
          state.combinedChosen = true;
        }
        return;
      }
      if (value === null && control.remember && typeof remembered[control.id] === "string") {
        value = remembered[control.id];
      }
      if (value) {
        setValue(control, value.normalize("NFC"));
        check(control, true);
      }
    });
    var slug = params.get(ui.topic.getAttribute("data-tl-topic"));
    if (slug) {
      var entry = form.findSlug(index, slug);
      if (entry) {
        topicBox.choose(entry, false);
      } else {
        say(ui.chosen, format(strings.topic_unknown, { slug: slug }));
      }
    }
    address.run(); // the address holds the remembered details too, so it can be sent as it is
  }

  // While typing, the address changes once typing pauses: every change of address makes some browsers fetch
  // the page's icon again.
  function writeUrl() {
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
    form.replaceQuery(params);
  }

  function remember() {
    var cell = {};
    controls.forEach(function (control) {
      if (control.remember) {
        cell[control.id] = valid(control) ? rawValue(control).trim() : "";
      }
    });
    if (!form.rememberCell(cell)) {
      say(ui.forgetStatus, strings.storage_off);
    }
  }

  function forget() {
    form.forgetCell();
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
    form.setValue(control.input, control.type, value);
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
      return form.isoDate(value) !== null;
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
    control.error.hidden = ok;
    form.tie(control.input, ok ? [] : [control.error.id], control.describedBy, !ok);
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

  function showDeadline() {
    var control = byId.ngay;
    var date = control && valid(control) ? form.isoDate(rawValue(control).trim()) : null;
    if (!date) {
      say(ui.deadline, strings.deadline_unknown);
      return;
    }
    var before = new Date(date.getTime() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    var text = window.TLPapers.fieldText({ field: control.id, as: "date" }, single(control.id, before));
    say(ui.deadline, format(strings.deadline, { date: text }));
  }

  // ---- The topic chooser (TLForm.combobox): what choosing a topic does ----

  function chosen(entry, byUser) {
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
      address.run();
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
    address.run();
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
    render.run();
  }

  function renderNow() {
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

  function downloadOne(doc) {
    make(function () {
      var name = doc.file + ".docx";
      form.save(window.TLPapers.docx(doc, paperValues()), name, DOCX_TYPE);
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
      form.save(window.TLPapers.zip(files), name, "application/zip");
      return name;
    });
  }

  function make(task) {
    render.run();
    try {
      say(ui.status, format(strings.made, { file: task() }));
    } catch (error) {
      say(ui.status, format(strings.make_failed, { error: String((error && error.message) || error) }));
    }
  }

  // Printing one paper marks it and <body>; prepare.css hides the rest in print. The marks go when printing
  // ends (afterprint; phones may return from print() before they lay out the page), or when the next print
  // starts, so a later Ctrl+P prints every paper again.
  function printPapers(section) {
    endPrint();
    render.run();
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
          render.schedule();
        }
        if (control.type === "date") {
          showDeadline();
        }
        if (control.remember) {
          remember();
        }
        address.schedule();
      });
      input.addEventListener("blur", function () {
        check(control, true);
        form.restoreNative(control.input, control.native, control.type);
        address.flush();
      });
    });
    ui.forget.addEventListener("click", forget);
    window.addEventListener("beforeprint", function () {
      if (!state.printing) {
        endPrint(); // Ctrl+P: every paper
      }
      render.run();
    });
    window.addEventListener("afterprint", endPrint);
    window.addEventListener("pagehide", function () {
      address.flush();
    });
  }

  function changed() {
    showDeadline();
    render.schedule();
    address.run();
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
