// The form tools that "Chuẩn bị buổi sinh hoạt" (prepare.js) and "Lập kế hoạch sinh hoạt chuyên đề năm"
// (plan.js) share, as the global TLForm: the topic list and its chooser (an ARIA combobox with a listbox, found
// with or without diacritics), the cell's details the two pages remember together, the address that follows the
// form, date and message helpers, and a file download.
//
// A classic script (not a module), loaded after papers.js (TLPapers.fold, isDate) and before the page's own
// script, so the pages work from file://. Text typed by the user reaches the page only through `value` and
// `textContent`.
(function () {
  "use strict";

  var CELL_KEY = "tl-chuan-bi"; // the cell's details, remembered for both pages
  var MAX_OPTIONS = 30; // options listed at once; more are counted ("… và 12 chuyên đề khác")
  var KIND_ORDER = { session: 0, guide: 1 };

  // ---- The topic list (chuan-bi/du-lieu/chuyen-de.js), with its words folded for matching ----

  // Rows: [slug, title, kind, group's short name, keywords, page URL from chuan-bi/, group id, cell types
  // (["all"] or ids), quarters the guide suggests, the guide it is about (a session: the guide it runs)].
  function topicIndex(rows) {
    return (rows || []).map(function (row, position) {
      return {
        slug: row[0],
        title: row[1],
        kind: row[2],
        group: row[3],
        href: row[5],
        groupId: row[6] || "",
        cellTypes: row[7] || ["all"],
        quarters: row[8] || [],
        subject: row[9] || row[0],
        position: position,
        titleWords: words(row[1]),
        words: words(row[1] + " " + row[3] + " " + row[4]),
      };
    });
  }

  function findSlug(index, slug) {
    for (var i = 0; i < index.length; i += 1) {
      if (index[i].slug === slug) {
        return index[i];
      }
    }
    return null;
  }

  function forCellType(entry, cellType) {
    return !cellType || entry.cellTypes.indexOf("all") >= 0 || entry.cellTypes.indexOf(cellType) >= 0;
  }

  function words(text) {
    return window.TLPapers.fold(text)
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  }

  function matchesOf(entries, query, rank) {
    var wanted = words(query);
    var found = entries.filter(function (entry) {
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
        (rank ? rank(a) - rank(b) : 0) ||
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

  // ---- The chooser: the first match is selected as one types; arrows move, Enter chooses, Escape closes ----

  // options: input (role=combobox, aria-controls its listbox), popup, more, count (elements next to it),
  // strings {topic_none, topic_count, topic_more}, entries() the topics to choose from now, rank(entry) (optional,
  // lower first), meta(entry) the line under a title, onChoose(entry, byUser), onEmpty() (the box was emptied
  // and left). Returns {choose(entry, byUser), reset(), current(), close()}.
  function combobox(options) {
    var input = options.input;
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var matches = [];
    var active = -1;
    var current = null;

    function openList(query, first) {
      matches = matchesOf(options.entries(), query, options.rank);
      clear(list);
      matches.slice(0, MAX_OPTIONS).forEach(function (entry, position) {
        var option = element("li", "tl-combobox__option");
        option.id = list.id + "-" + position;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var title = element("span", "tl-combobox__title");
        title.textContent = entry.title;
        var meta = element("span", "tl-combobox__meta");
        meta.textContent = options.meta(entry);
        option.appendChild(title);
        option.appendChild(meta);
        option.addEventListener("click", function () {
          choose(entry, true);
        });
        list.appendChild(option);
      });
      var strings = options.strings;
      var extra = matches.length - MAX_OPTIONS;
      say(options.more, matches.length === 0 ? format(strings.topic_none, { query: query.trim() }) : "");
      if (extra > 0) {
        say(options.more, format(strings.topic_more, { count: extra }));
      }
      say(
        options.count,
        matches.length ? format(strings.topic_count, { count: matches.length }) : options.more.textContent
      );
      options.popup.hidden = false;
      input.setAttribute("aria-expanded", "true");
      setActive(matches.length ? first : -1);
    }

    function closeList() {
      options.popup.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function setActive(position) {
      var items = list.children;
      if (active >= 0 && items[active]) {
        items[active].setAttribute("aria-selected", "false");
        items[active].classList.remove("tl-combobox__option--active");
      }
      active = position;
      if (active >= 0 && items[active]) {
        items[active].setAttribute("aria-selected", "true");
        items[active].classList.add("tl-combobox__option--active");
        input.setAttribute("aria-activedescendant", items[active].id);
        scrollIntoList(items[active]);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function scrollIntoList(option) {
      if (option.offsetTop < list.scrollTop) {
        list.scrollTop = option.offsetTop;
      } else if (option.offsetTop + option.offsetHeight > list.scrollTop + list.clientHeight) {
        list.scrollTop = option.offsetTop + option.offsetHeight - list.clientHeight;
      }
    }

    function move(step) {
      if (options.popup.hidden) {
        openList(input.value === (current && current.title) ? "" : input.value, -1);
      }
      var count = list.children.length;
      if (!count) {
        return;
      }
      setActive(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
    }

    function onKey(event) {
      if (event.key === "ArrowDown" || event.key === "Down") {
        event.preventDefault();
        move(1);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        event.preventDefault();
        move(-1);
      } else if (event.key === "Enter") {
        event.preventDefault(); // never submit the form
        if (!options.popup.hidden && active >= 0) {
          choose(matches[active], true);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (!options.popup.hidden) {
          event.preventDefault();
          closeList();
        } else if (current) {
          input.value = current.title;
        }
      }
    }

    function onBlur() {
      closeList();
      if (!input.value.trim()) {
        if (current) {
          current = null;
          options.onEmpty();
        }
      } else if (current) {
        input.value = current.title;
      }
    }

    function choose(entry, byUser) {
      closeList();
      input.value = entry.title;
      current = entry;
      options.onChoose(entry, byUser);
    }

    input.addEventListener("input", function () {
      if (input.value.trim()) {
        openList(input.value, 0);
      } else {
        closeList();
      }
    });
    input.addEventListener("keydown", onKey);
    input.addEventListener("blur", onBlur);
    options.popup.addEventListener("mousedown", function (event) {
      event.preventDefault(); // a click in the list (its scroll bar too) keeps the focus in the box
    });

    return {
      choose: choose,
      reset: function () {
        closeList();
        current = null;
        input.value = "";
      },
      current: function () {
        return current;
      },
      close: closeList,
    };
  }

  // ---- What this browser remembers ----

  function readStorage(key) {
    try {
      var text = window.localStorage.getItem(key);
      var value = text ? JSON.parse(text) : null;
      return value && typeof value === "object" ? value : null;
    } catch (error) {
      return null; // storage switched off (privacy mode, file://) or a broken entry: remember nothing
    }
  }

  // Store `value` (an object; null or {} removes the entry). False when the browser refuses.
  function writeStorage(key, value) {
    try {
      if (value && Object.keys(value).length) {
        window.localStorage.setItem(key, JSON.stringify(value));
      } else {
        window.localStorage.removeItem(key);
      }
      return true;
    } catch (error) {
      return false;
    }
  }

  // The cell's details both pages remember: each page updates the fields it has ("" forgets one) and keeps the
  // others. False when the browser refuses.
  function rememberCell(values) {
    var cell = readStorage(CELL_KEY) || {};
    Object.keys(values).forEach(function (id) {
      if (values[id]) {
        cell[id] = values[id];
      } else {
        delete cell[id];
      }
    });
    return writeStorage(CELL_KEY, cell);
  }

  function rememberedCell() {
    return readStorage(CELL_KEY) || {};
  }

  function forgetCell() {
    writeStorage(CELL_KEY, null);
  }

  // ---- The address ----

  function replaceQuery(params) {
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try {
      window.history.replaceState(window.history.state, "", url);
    } catch (error) {
      // Some browsers refuse to change a file:// address: the page still works, the link just does not follow.
    }
  }

  // `task` once calls pause `ms`: {schedule(), flush() (now, if one is waiting), run() (now), cancel()}.
  // `busy`, if given, is the region the task redraws: aria-busy while a run is waiting, so that assistive
  // technology (and a test) knows the region is about to change.
  function later(task, ms, busy) {
    var timer = null;
    function wait(waiting) {
      timer = waiting;
      if (busy) {
        if (waiting === null) {
          busy.removeAttribute("aria-busy");
        } else {
          busy.setAttribute("aria-busy", "true");
        }
      }
    }
    function run() {
      clearTimeout(timer);
      wait(null);
      task();
    }
    return {
      schedule: function () {
        clearTimeout(timer);
        wait(setTimeout(run, ms));
      },
      flush: function () {
        if (timer !== null) {
          run();
        }
      },
      run: run,
      cancel: function () {
        clearTimeout(timer);
        wait(null);
      },
    };
  }

  // ---- Values ----

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

  function fitsNative(type, value) {
    if (type === "date") {
      return isoDate(value) !== null;
    }
    var clock = /^(\d{2}):(\d{2})$/.exec(value);
    return type !== "time" || (!!clock && Number(clock[1]) <= 23 && Number(clock[2]) <= 59);
  }

  // A native date or time box cannot hold a value that is not one (from a link, say): it shows it as text, with
  // its message, rather than lose it; restoreNative turns it back into a date or time box once it is right.
  function setValue(input, type, value) {
    if (input.type !== "text" && value && !fitsNative(type, value)) {
      input.type = "text";
    }
    input.value = value;
  }

  function restoreNative(input, nativeType, type) {
    var value = input.value.normalize("NFC").trim();
    if (input.type !== nativeType && (!value || fitsNative(type, value))) {
      input.type = nativeType;
      input.value = value;
    }
  }

  // ---- Messages tied to their control ----

  // aria-describedby: the shown messages' ids, then the control's own (hints); aria-invalid only for an error.
  function tie(input, messageIds, ownIds, invalid) {
    var ids = messageIds
      .concat(ownIds ? [ownIds] : [])
      .join(" ")
      .trim();
    if (ids) {
      input.setAttribute("aria-describedby", ids);
    } else {
      input.removeAttribute("aria-describedby");
    }
    if (invalid) {
      input.setAttribute("aria-invalid", "true");
    } else {
      input.removeAttribute("aria-invalid");
    }
  }

  // ---- Small helpers ----

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
    if (className) {
      node.className = className;
    }
    return node;
  }

  function button(label, className, onClick) {
    var node = element("button", className);
    node.type = "button";
    node.textContent = label;
    node.addEventListener("click", onClick);
    return node;
  }

  // Save `bytes` as a file named `name`: a link to a Blob, clicked.
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

  window.TLForm = {
    topicIndex: topicIndex,
    findSlug: findSlug,
    forCellType: forCellType,
    combobox: combobox,
    readStorage: readStorage,
    writeStorage: writeStorage,
    rememberCell: rememberCell,
    rememberedCell: rememberedCell,
    forgetCell: forgetCell,
    replaceQuery: replaceQuery,
    later: later,
    isoDate: isoDate,
    fitsNative: fitsNative,
    setValue: setValue,
    restoreNative: restoreNative,
    tie: tie,
    format: format,
    say: say,
    clear: clear,
    element: element,
    button: button,
    save: save,
  };
})();
