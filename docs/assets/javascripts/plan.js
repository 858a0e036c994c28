// "Lập kế hoạch sinh hoạt chuyên đề năm" (ke-hoach/): the form's controller. The secretary types the cell's
// details (remembered with chuan-bi/), the year, and for each quarter one or more meetings (topic, date, the member
// who prepares the draft, combined with the monthly meeting or not). The KẾ HOẠCH is filled in on the page
// (TLData.plan.document, papers.js), to print, to download as a Word file, and the meetings as a calendar file
// (.ics) with reminders. Suggestions per quarter say why; checks speak next to the field. Nothing leaves the
// browser: the plan lives in the page's URL (repeatable keys per quarter: the k-th value is the k-th meeting)
// and in localStorage.
//
// A classic script (not a module), loaded after papers.js, the data scripts and form-kit.js (TLForm), so the page
// works from file://. Text typed by the user reaches the page only through `value` and `textContent`.
(function () {
  "use strict";

  var PLAN_KEY = "tl-ke-hoach"; // the plan in this browser (the cell's details are TLForm's, shared)
  var RENDER_DELAY_MS = 120; // the paper is re-rendered once typing pauses this long
  var CHECK_DELAY_MS = 600; // a new message is shown once typing pauses; a shown one changes or clears at once
  var URL_DELAY_MS = 400; // the address and the stored plan follow the form once typing pauses
  var SUGGESTIONS = 4; // topics suggested per quarter
  var DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  var CALENDAR_TYPE = "text/calendar;charset=utf-8";
  var PRODID = "-//Thu vien chuyen de//Ke hoach sinh hoat chuyen de//VI";
  var UID_DOMAIN = "ke-hoach.thu-vien-chuyen-de";
  var NUMERALS = ["I", "II", "III", "IV"];
  var DAY_MS = 24 * 60 * 60 * 1000;

  var form = window.TLForm || {}; // form-kit.js: the chooser, storage, address, messages and small helpers

  var ui = {}; // elements of the page
  var strings = {};
  var data = null; // TLData.plan
  var index = []; // the topics (TLForm.topicIndex)
  var specs = []; // the meeting template's fields: {id, type, param, prepare}
  var cell = []; // the cell's details: {id, input}
  var year = null; // {input, error, text, min, max}
  var quarters = []; // {number, numeral, box, error, list, add, suggest, status, meetings, touched, shown}
  var state = { opened: false, serial: 0 };
  var render = null;
  var address = null;
  var checkLater = null;

  function init() {
    ui.form = document.querySelector("[data-tl-plan]");
    if (!ui.form) {
      return;
    }
    strings = JSON.parse(ui.form.getAttribute("data-tl-strings") || "{}");
    ui.sheet = document.querySelector("[data-tl-sheet]");
    var loaded = window.TLData || {};
    if (!window.TLPapers || !window.TLForm || !loaded.topics || !loaded.plan) {
      ui.sheet.textContent = strings.failed || "";
      return;
    }
    data = loaded.plan;
    index = form.topicIndex(loaded.topics);
    ui.prepareHref = ui.form.getAttribute("data-tl-chuan-bi") || "../chuan-bi/";
    ui.template = document.querySelector("template[data-tl-meeting]");
    ui.idPrefix = ui.template.getAttribute("data-tl-id-prefix");
    ui.type = ui.form.querySelector("[data-tl-field=loai]");
    ui.warnMember = ui.form.querySelector("[data-tl-warning=member]");
    ui.warnGroup = ui.form.querySelector("[data-tl-warning=group]");
    ui.tools = document.querySelector("[data-tl-tools]");
    ui.status = document.querySelector("[data-tl-status]");
    ui.week = document.querySelector("[data-tl-week]");
    ui.template.content.querySelectorAll("[data-tl-meeting-field]").forEach(function (input) {
      specs.push({
        id: input.getAttribute("data-tl-meeting-field"),
        type: input.getAttribute("data-tl-type"),
        param: input.getAttribute("data-tl-param"),
        prepare: input.getAttribute("data-tl-prepare"),
      });
    });
    ui.form.querySelectorAll("[data-tl-remember]").forEach(function (input) {
      cell.push({ id: input.getAttribute("data-tl-field"), input: input });
    });
    var yearInput = ui.form.querySelector("[data-tl-field=nam]");
    var yearError = document.getElementById(yearInput.id + "-error");
    year = {
      input: yearInput,
      error: yearError,
      text: yearError.textContent,
      min: Number(yearInput.getAttribute("data-tl-min")) || 1,
      max: Number(yearInput.getAttribute("data-tl-max")) || 9999,
      describedBy: yearInput.getAttribute("aria-describedby") || "",
    };
    ui.form.querySelectorAll("[data-tl-quarter]").forEach(function (box) {
      var number = Number(box.getAttribute("data-tl-quarter"));
      var quarter = {
        number: number,
        numeral: NUMERALS[number - 1],
        box: box,
        error: box.querySelector("[data-tl-quarter-error]"),
        list: box.querySelector("[data-tl-meetings]"),
        add: box.querySelector("[data-tl-add]"),
        suggest: form.element("div", "tl-plan__suggest-list"),
        status: form.element("p", "tl-plan__suggest-status"),
        meetings: [],
        touched: false,
        shown: null,
      };
      quarter.status.setAttribute("role", "status");
      var suggest = box.querySelector("[data-tl-suggest]");
      suggest.appendChild(quarter.suggest);
      suggest.appendChild(quarter.status);
      quarters.push(quarter);
    });
    render = form.later(renderNow, RENDER_DELAY_MS, ui.sheet);
    address = form.later(writeState, URL_DELAY_MS);
    checkLater = form.later(function () {
      runChecks(true);
    }, CHECK_DELAY_MS);

    restore();
    wire();
    ui.tools.hidden = false;
    refresh(true);
    render.run();
    address.run(); // the address holds the remembered details and the default year too, ready to be sent
  }

  // ---- State: the URL first, else this browser's stored plan; the cell's details from TLForm's memory ----

  function restore() {
    var params = new URLSearchParams(window.location.search);
    var stored = form.readStorage(PLAN_KEY);
    var plan = hasPlan(params) ? params : new URLSearchParams((stored && stored.query) || "");
    var remembered = form.rememberedCell();
    cell.forEach(function (field) {
      var value = params.get(field.id);
      if (value === null && typeof remembered[field.id] === "string") {
        value = remembered[field.id];
      }
      field.input.value = (value || "").normalize("NFC");
    });
    year.input.value = (plan.get("nam") || String(defaultYear())).normalize("NFC");
    var type = plan.get("loai") || "";
    var known = Array.prototype.some.call(ui.type.options, function (option) {
      return option.value === type; // compared, not put in a selector: a link may hold any text
    });
    if (known) {
      ui.type.value = type;
    }
    quarters.forEach(function (quarter) {
      var lists = {};
      var count = 1;
      specs.forEach(function (spec) {
        lists[spec.id] = plan.getAll(paramName(spec, quarter));
        count = Math.max(count, lists[spec.id].length);
      });
      for (var k = 0; k < Math.min(count, data.meetings_per_quarter); k += 1) {
        var meeting = addMeeting(quarter);
        specs.forEach(function (spec) {
          setField(meeting, spec, (lists[spec.id][k] || "").normalize("NFC"));
        });
      }
    });
    state.opened = allMeetings().some(function (meeting) {
      return meeting.topic || meeting.unknown;
    });
    if (state.opened) {
      touchAll();
    }
  }

  function hasPlan(params) {
    var keys = ["nam", "loai"];
    quarters.forEach(function (quarter) {
      specs.forEach(function (spec) {
        keys.push(paramName(spec, quarter));
      });
    });
    return keys.some(function (key) {
      return params.has(key);
    });
  }

  function setField(meeting, spec, value) {
    var field = meeting.fields[spec.id];
    if (spec.type === "topic") {
      var entry = value ? form.findSlug(index, value) : null;
      if (entry) {
        meeting.chooser.choose(entry, false);
      } else {
        meeting.unknown = value; // kept, and said, until another topic is chosen
      }
    } else if (spec.type === "flag") {
      field.input.checked = value === "1";
    } else if (spec.type === "date") {
      form.setValue(field.input, "date", value);
    } else {
      field.input.value = value;
    }
  }

  // What the address holds: the cell's details (withCell), the year, the cell type, and per quarter each key once
  // for every meeting (the topic's key always, so the count of meetings is kept; the others when one holds a value).
  function stateParams(withCell) {
    var params = new URLSearchParams();
    var yearText = year.input.value.normalize("NFC").trim();
    if (yearText) {
      params.set("nam", yearText);
    }
    if (withCell) {
      cell.forEach(function (field) {
        var value = textOf(field.input);
        if (value) {
          params.set(field.id, value);
        }
      });
    }
    if (ui.type.value) {
      params.set("loai", ui.type.value);
    }
    quarters.forEach(function (quarter) {
      if (quarter.meetings.length === 1 && blank(quarter.meetings[0])) {
        return;
      }
      specs.forEach(function (spec) {
        var values = quarter.meetings.map(function (meeting) {
          return paramValue(meeting, spec);
        });
        var held = values.some(function (value) {
          return value && value !== "0";
        });
        if (spec.type === "topic" || held) {
          values.forEach(function (value) {
            params.append(paramName(spec, quarter), value);
          });
        }
      });
    });
    return params;
  }

  function paramValue(meeting, spec) {
    var field = meeting.fields[spec.id];
    if (spec.type === "topic") {
      return meeting.topic ? meeting.topic.slug : meeting.unknown;
    }
    if (spec.type === "flag") {
      return field.input.checked ? "1" : "0";
    }
    return field.input.value.normalize("NFC").trim();
  }

  function blank(meeting) {
    return specs.every(function (spec) {
      var value = paramValue(meeting, spec);
      return !value || value === "0";
    });
  }

  function paramName(spec, quarter) {
    return spec.param.replace("{quarter}", String(quarter.number));
  }

  function writeState() {
    form.replaceQuery(stateParams(true));
    var plan = stateParams(false);
    plan.delete("nam");
    var kept = plan.toString() ? { query: stateParams(false).toString() } : null;
    form.writeStorage(PLAN_KEY, kept);
  }

  function rememberCell() {
    var values = {};
    cell.forEach(function (field) {
      values[field.id] = textOf(field.input);
    });
    if (!form.rememberCell(values)) {
      form.say(ui.form.querySelector("[data-tl-forget-status]"), strings.storage_off);
    }
  }

  function forget() {
    form.forgetCell();
    cell.forEach(function (field) {
      field.input.value = "";
    });
    form.say(ui.form.querySelector("[data-tl-forget-status]"), strings.forgotten);
    refresh(true);
    address.run();
  }

  function clearPlan() {
    form.writeStorage(PLAN_KEY, null);
    quarters.forEach(function (quarter) {
      quarter.meetings.slice().forEach(function (meeting) {
        removeMeeting(meeting, false);
      });
      addMeeting(quarter);
      quarter.touched = false;
    });
    allMeetings().forEach(function (meeting) {
      meeting.touched = false;
    });
    state.opened = false;
    ui.type.value = "";
    year.input.value = String(defaultYear());
    ui.week.checked = false;
    form.say(ui.form.querySelector("[data-tl-clear-status]"), strings.cleared);
    refresh(true);
    address.run();
  }

  // ---- Meetings: a copy of the template each, with its own ids ----

  function addMeeting(quarter) {
    state.serial += 1;
    var box = ui.template.content.firstElementChild.cloneNode(true);
    var prefix = ui.idPrefix + "-";
    var own = "tl-p-m" + state.serial + "-";
    [box].concat(Array.prototype.slice.call(box.querySelectorAll("*"))).forEach(function (node) {
      ["id", "for", "aria-controls", "aria-describedby"].forEach(function (name) {
        var value = node.getAttribute(name);
        if (value && value.indexOf(prefix) >= 0) {
          node.setAttribute(name, value.split(prefix).join(own));
        }
      });
    });
    quarter.list.appendChild(box);
    var meeting = {
      quarter: quarter,
      box: box,
      legend: box.querySelector("[data-tl-meeting-legend]"),
      link: box.querySelector("[data-tl-prepare-link]"),
      remove: box.querySelector("[data-tl-remove]"),
      group: box.querySelector("[data-tl-filter=group]"),
      cellType: box.querySelector("[data-tl-filter=cell]"),
      fields: {},
      topic: null,
      unknown: "",
      touched: false,
    };
    box.querySelectorAll("[data-tl-meeting-field]").forEach(function (input) {
      meeting.fields[input.getAttribute("data-tl-meeting-field")] = {
        input: input,
        error: document.getElementById(input.id + "-error"),
        describedBy: input.getAttribute("aria-describedby") || "",
      };
    });
    var topic = specField(meeting, "topic");
    meeting.chooser = form.combobox({
      input: topic.input,
      popup: box.querySelector("[data-tl-popup]"),
      more: box.querySelector("[data-tl-more]"),
      count: box.querySelector("[data-tl-count]"),
      strings: strings,
      entries: function () {
        return index.filter(function (entry) {
          return (!meeting.group.value || entry.groupId === meeting.group.value) &&
            form.forCellType(entry, meeting.cellType.value);
        });
      },
      rank: function (entry) {
        return forChosenType(entry) ? 0 : 1;
      },
      meta: function (entry) {
        return kindName(entry.kind) + " · " + entry.group;
      },
      onChoose: function (entry, byUser) {
        meeting.topic = entry;
        meeting.unknown = "";
        if (byUser) {
          refresh(true);
          address.run();
        }
      },
      onEmpty: function () {
        meeting.topic = null;
        meeting.unknown = "";
        refresh(true);
        address.run();
      },
    });
    wireMeeting(meeting);
    quarter.meetings.push(meeting);
    return meeting;
  }

  function removeMeeting(meeting, byUser) {
    var quarter = meeting.quarter;
    var position = quarter.meetings.indexOf(meeting);
    meeting.chooser.close();
    meeting.box.remove();
    quarter.meetings.splice(position, 1);
    if (byUser) {
      var next = quarter.meetings[Math.max(0, position - 1)];
      specField(next, "topic").input.focus();
      refresh(true);
      address.run();
    }
  }

  function numberOf(meeting) {
    return meeting.quarter.meetings.indexOf(meeting) + 1;
  }

  function specField(meeting, type) {
    for (var i = 0; i < specs.length; i += 1) {
      if (specs[i].type === type) {
        return meeting.fields[specs[i].id];
      }
    }
    return null;
  }

  function allMeetings() {
    var all = [];
    quarters.forEach(function (quarter) {
      all = all.concat(quarter.meetings);
    });
    return all;
  }

  function touchAll() {
    quarters.forEach(function (quarter) {
      quarter.touched = true;
    });
    allMeetings().forEach(function (meeting) {
      meeting.touched = true;
    });
  }

  // ---- After every change: legends, buttons, links, checks, suggestions; the paper and the address later ----

  function refresh(now) {
    var yearValue = validYear();
    quarters.forEach(function (quarter) {
      var count = quarter.meetings.length;
      quarter.box.setAttribute("data-tl-count", String(count));
      quarter.add.hidden = count >= data.meetings_per_quarter;
      quarter.meetings.forEach(function (meeting, position) {
        form.say(meeting.legend, form.format(strings.meeting_legend, { k: position + 1 }));
        meeting.remove.hidden = count < 2;
        // The picker opens on the quarter; set only when it changes (setting it resets a half-typed date).
        var date = specField(meeting, "date").input;
        setBound(date, "min", yearValue ? quarterDay(yearValue, quarter.number, true) : "");
        setBound(date, "max", yearValue ? quarterDay(yearValue, quarter.number, false) : "");
        meeting.link.hidden = !meeting.topic;
        if (meeting.topic) {
          meeting.link.href = prepareLink(meeting);
        }
      });
    });
    runChecks(now);
    showSuggestions();
    render.schedule();
  }

  function setBound(input, name, value) {
    if ((input.getAttribute(name) || "") === value) {
      return;
    }
    if (value) {
      input.setAttribute(name, value);
    } else {
      input.removeAttribute(name);
    }
  }

  // ---- Checks: errors (aria-invalid, message tied with aria-describedby) and warnings (tied, not invalid) ----

  function runChecks(now) {
    var yearValue = validYear();
    var meetings = allMeetings();
    var seen = {};
    var pending = false;
    var lastTopic = -1;
    quarters.forEach(function (quarter, position) {
      if (hasTopic(quarter)) {
        lastTopic = position;
      }
    });
    meetings.forEach(function (meeting, position) {
      var later = meetings.slice(position + 1).some(function (other) {
        return other.topic;
      });
      var topic = "";
      if (meeting.unknown) {
        topic = form.format(strings.topic_unknown, { slug: meeting.unknown });
      } else if (meeting.topic && seen[meeting.topic.subject]) {
        // A guide and a script that runs it are the same topic.
        topic = form.format(strings.topic_twice, seen[meeting.topic.subject]);
      } else if (meeting.topic) {
        seen[meeting.topic.subject] = { quarter: meeting.quarter.numeral, k: numberOf(meeting) };
      }
      pending = show(specField(meeting, "topic").error, topic, now) || pending;
      pending = show(specField(meeting, "date").error, dateMessage(meeting, yearValue), now) || pending;
      var person = specField(meeting, "text");
      var missing = meeting.topic && !textOf(person.input) && (meeting.touched || later);
      pending = show(person.error, missing ? strings.no_one : "", now) || pending;
    });
    quarters.forEach(function (quarter, position) {
      var empty = !hasTopic(quarter) && (quarter.touched || position < lastTopic);
      var text = empty ? form.format(strings.quarter_empty, { quarter: quarter.numeral }) : "";
      pending = show(quarter.error, text, now) || pending;
    });
    var yearText = year.input.value.normalize("NFC").trim();
    pending = show(year.error, yearText && !yearValue ? year.text : "", now) || pending;
    pending = show(ui.warnMember, memberWarning(meetings), now) || pending;
    pending = show(ui.warnGroup, groupWarning(), now) || pending;
    tieAll();
    if (pending) {
      checkLater.schedule();
    } else {
      checkLater.cancel();
    }
  }

  // A message is written at once when it clears, changes or is asked for now; a new one waits for a pause.
  function show(target, text, now) {
    if (!text) {
      target.hidden = true;
      target.textContent = "";
      return false;
    }
    if (now || !target.hidden) {
      target.textContent = text;
      target.hidden = false;
      return false;
    }
    return true;
  }

  function tieAll() {
    quarters.forEach(function (quarter) {
      if (quarter.error.hidden) {
        quarter.box.removeAttribute("aria-describedby");
      } else {
        quarter.box.setAttribute("aria-describedby", quarter.error.id);
      }
      quarter.meetings.forEach(function (meeting, position) {
        tieField(specField(meeting, "topic"), [position === 0 ? quarter.error : null, ui.warnGroup]);
        tieField(specField(meeting, "date"), []);
        tieField(specField(meeting, "text"), [ui.warnMember]);
      });
    });
    tieField(year, []);
  }

  function tieField(field, more) {
    var shown = [field.error].concat(more).filter(function (target) {
      return target && !target.hidden;
    });
    var invalid = shown.some(function (target) {
      return !target.hasAttribute("data-tl-warning");
    });
    form.tie(
      field.input,
      shown.map(function (target) {
        return target.id;
      }),
      field.describedBy,
      invalid
    );
  }

  function dateMessage(meeting, yearValue) {
    var input = specField(meeting, "date").input;
    var value = input.value.normalize("NFC").trim();
    var quarter = meeting.quarter;
    var bounds = {
      quarter: quarter.numeral,
      year: yearValue,
      first: shortDate(quarterDay(yearValue || defaultYear(), quarter.number, true)),
      last: shortDate(quarterDay(yearValue || defaultYear(), quarter.number, false)),
    };
    if (input.validity && input.validity.badInput) {
      return form.format(strings.date_wrong, { first: quarterDay(yearValue || defaultYear(), quarter.number, true) });
    }
    if (!value) {
      return "";
    }
    var date = form.isoDate(value);
    if (!date) {
      return form.format(strings.date_wrong, { first: quarterDay(yearValue || defaultYear(), quarter.number, true) });
    }
    if (!yearValue) {
      return "";
    }
    bounds.date = shortDate(value);
    if (date.getUTCFullYear() !== yearValue) {
      return form.format(strings.date_year, bounds);
    }
    if (Math.floor(date.getUTCMonth() / 3) + 1 !== quarter.number) {
      return form.format(strings.date_quarter, bounds);
    }
    return "";
  }

  function memberWarning(meetings) {
    var planned = meetings.filter(function (meeting) {
      return meeting.topic;
    });
    if (planned.length < 2) {
      return "";
    }
    var names = planned.map(function (meeting) {
      return window.TLPapers.fold(textOf(specField(meeting, "text").input));
    });
    var same = names.every(function (name) {
      return name && name === names[0];
    });
    return same
      ? form.format(strings.one_member, { count: planned.length, name: textOf(specField(planned[0], "text").input) })
      : "";
  }

  function groupWarning() {
    var groups = {};
    var full = quarters.every(function (quarter) {
      quarter.meetings.forEach(function (meeting) {
        if (meeting.topic) {
          groups[meeting.topic.groupId] = meeting.topic.group;
        }
      });
      return hasTopic(quarter);
    });
    var ids = Object.keys(groups);
    return full && ids.length === 1 ? form.format(strings.one_group, { group: groups[ids[0]] }) : "";
  }

  function hasTopic(quarter) {
    return quarter.meetings.some(function (meeting) {
      return meeting.topic;
    });
  }

  // ---- Suggestions: the chosen cell type's topics first, then the quarter's own, anniversaries, unused groups ----

  function showSuggestions() {
    var type = ui.type.value;
    var used = {};
    var usedGroups = {};
    allMeetings().forEach(function (meeting) {
      if (meeting.topic) {
        used[meeting.topic.subject] = true;
        usedGroups[meeting.topic.groupId] = true;
      }
    });
    quarters.forEach(function (quarter) {
      var target = suggestionTarget(quarter);
      var days = anniversaries(quarter.number);
      var picks = suggestions(quarter, days, used, usedGroups, type);
      var key = JSON.stringify([
        picks.map(function (pick) {
          return [pick.entry.slug, pick.reasons];
        }),
        days.map(dayText),
        quarter.meetings.indexOf(target),
      ]);
      if (key !== quarter.shown) {
        quarter.shown = key;
        drawSuggestions(quarter, picks, days, target);
      }
    });
  }

  function suggestions(quarter, days, used, usedGroups, type) {
    var ranked = [];
    index.forEach(function (entry) {
      if (used[entry.subject] || !form.forCellType(entry, type)) {
        return;
      }
      var reasons = [];
      var special = forChosenType(entry);
      var timely = entry.quarters.indexOf(quarter.number) >= 0;
      var day = days.filter(function (item) {
        return (item.groups || []).indexOf(entry.groupId) >= 0;
      })[0];
      var fresh = !usedGroups[entry.groupId];
      if (special) {
        reasons.push(form.format(strings.reason_cell, { cell: cellTypeName(type) }));
      }
      if (timely) {
        reasons.push(form.format(strings.reason_quarter, { quarter: quarter.numeral }));
      }
      if (day) {
        reasons.push(form.format(strings.reason_day, { name: day.name, date: dayDate(day) }));
      }
      if (fresh) {
        reasons.push(form.format(strings.reason_group, { group: entry.group }));
      }
      if (reasons.length) {
        ranked.push({ entry: entry, reasons: reasons, rank: [special, timely, !!day, fresh].map(Number) });
      }
    });
    ranked.sort(function (a, b) {
      for (var i = 0; i < a.rank.length; i += 1) {
        if (a.rank[i] !== b.rank[i]) {
          return b.rank[i] - a.rank[i];
        }
      }
      return kindOrder(a.entry) - kindOrder(b.entry) || a.entry.position - b.entry.position;
    });
    // Topics of different groups first, so that a guide and its own script do not take two places.
    var picks = [];
    var groups = {};
    ranked.forEach(function (item) {
      if (picks.length < SUGGESTIONS && !groups[item.entry.groupId]) {
        groups[item.entry.groupId] = true;
        picks.push(item);
      }
    });
    ranked.forEach(function (item) {
      if (picks.length < SUGGESTIONS && picks.indexOf(item) < 0) {
        picks.push(item);
      }
    });
    return picks;
  }

  function drawSuggestions(quarter, picks, days, target) {
    var box = quarter.suggest;
    form.clear(box);
    var headingId = quarter.box.id + "-suggest";
    var heading = form.element("p", "tl-plan__suggest-heading");
    heading.id = headingId;
    heading.textContent = form.format(strings.suggest_heading, { quarter: quarter.numeral });
    box.appendChild(heading);
    if (!picks.length) {
      box.appendChild(textLine("p", "tl-control__hint", strings.suggest_none));
    } else {
      var k = quarter.meetings.indexOf(target) + 1;
      box.appendChild(textLine("p", "tl-control__hint", form.format(strings.suggest_for, { k: k })));
      var list = form.element("ul", "tl-plan__suggestions");
      list.setAttribute("aria-labelledby", headingId);
      picks.forEach(function (pick, position) {
        var item = form.element("li", "tl-plan__suggestion");
        var choose = form.button(pick.entry.title, "tl-plan__suggestion-button", function () {
          useSuggestion(quarter, pick.entry);
        });
        var reasons = pick.reasons.join("; ");
        var reason = textLine("span", "tl-plan__reason", reasons.charAt(0).toUpperCase() + reasons.slice(1) + ".");
        reason.id = headingId + "-" + position;
        choose.setAttribute("aria-describedby", reason.id);
        choose.tabIndex = position === 0 ? 0 : -1; // one Tab stop; the arrow keys move between suggestions
        item.appendChild(choose);
        item.appendChild(reason);
        list.appendChild(item);
      });
      list.addEventListener("keydown", moveAmongSuggestions);
      box.appendChild(list);
    }
    if (days.length) {
      var daysHeading = form.format(strings.days_heading, { quarter: quarter.numeral });
      box.appendChild(textLine("p", "tl-plan__days-heading", daysHeading));
      var daysList = form.element("ul", "tl-plan__days");
      days.forEach(function (day) {
        var item = textLine("li", "", dayText(day) + " ");
        if (day.sources && day.sources[0]) {
          var link = form.element("a", "");
          link.href = day.sources[0];
          link.rel = "noopener";
          link.textContent = "(" + strings.day_source + ")";
          item.appendChild(link);
        }
        daysList.appendChild(item);
      });
      box.appendChild(daysList);
    }
  }

  function moveAmongSuggestions(event) {
    var buttons = Array.prototype.slice.call(event.currentTarget.querySelectorAll("button"));
    var position = buttons.indexOf(document.activeElement);
    var next = {
      ArrowDown: position + 1,
      ArrowRight: position + 1,
      ArrowUp: position - 1,
      ArrowLeft: position - 1,
      Home: 0,
      End: buttons.length - 1,
    }[event.key];
    if (position < 0 || next === undefined) {
      return;
    }
    event.preventDefault();
    next = (next + buttons.length) % buttons.length;
    buttons.forEach(function (button, index) {
      button.tabIndex = index === next ? 0 : -1;
    });
    buttons[next].focus();
  }

  function useSuggestion(quarter, entry) {
    var meeting = suggestionTarget(quarter);
    var k = quarter.meetings.indexOf(meeting) + 1;
    meeting.chooser.choose(entry, true);
    specField(meeting, "topic").input.focus();
    var chosen = { title: entry.title, quarter: quarter.numeral, k: k };
    form.say(quarter.status, form.format(strings.suggest_chosen, chosen));
  }

  // The first meeting of the quarter without a topic, else its last one.
  function suggestionTarget(quarter) {
    var free = quarter.meetings.filter(function (meeting) {
      return !meeting.topic;
    });
    return free[0] || quarter.meetings[quarter.meetings.length - 1];
  }

  function anniversaries(number) {
    return (data.anniversaries || []).filter(function (day) {
      return Math.floor((day.month - 1) / 3) + 1 === number;
    });
  }

  function dayDate(day) {
    var written = shortDate((day.year || 2000) + "-" + pad(day.month) + "-" + pad(day.day));
    return day.year ? written : written.replace(/\/2000$/, "");
  }

  function dayText(day) {
    var yearValue = validYear();
    var years = day.year && yearValue ? yearValue - day.year : 0;
    var template = years > 0 ? strings.day_years : strings.day;
    return form.format(template, { date: dayDate(day), name: day.name, years: years });
  }

  function forChosenType(entry) {
    return !!ui.type.value && entry.cellTypes.indexOf(ui.type.value) >= 0;
  }

  // ---- The paper, its Word file, print ----

  // What the paper prints: per quarter the meetings that have a topic, in order (or the first, if none has),
  // as rows 1, 2, …; only values that are right, NFC, trimmed.
  function paperValues() {
    var values = { nam: validYear() ? String(validYear()) : "", ngay: today() };
    cell.forEach(function (field) {
      values[field.id] = textOf(field.input);
    });
    quarters.forEach(function (quarter) {
      var rows = quarter.meetings.filter(function (meeting) {
        return meeting.topic;
      });
      (rows.length ? rows : quarter.meetings.slice(0, 1)).forEach(function (meeting, position) {
        var prefix = "q" + quarter.number + "_" + (position + 1) + "_";
        var date = specField(meeting, "date").input.value.trim();
        values[prefix + "cd"] = meeting.topic ? meeting.topic.title : "";
        values[prefix + "nhom"] = meeting.topic ? meeting.topic.group : "";
        values[prefix + "nguoi"] = textOf(specField(meeting, "text").input);
        values[prefix + "ngay"] = form.isoDate(date) ? date : "";
        values[prefix + "ghi_chu"] = specField(meeting, "flag").input.checked ? strings.combined_note : "";
      });
    });
    return values;
  }

  function renderNow() {
    form.clear(ui.sheet);
    ui.sheet.appendChild(window.TLPapers.renderHTML(data.document, paperValues()));
  }

  function make(task) {
    touchAll();
    runChecks(true);
    render.run();
    try {
      form.say(ui.status, task());
    } catch (error) {
      form.say(ui.status, form.format(strings.make_failed, { error: String((error && error.message) || error) }));
    }
  }

  function downloadDocx() {
    make(function () {
      var name = form.format(strings.docx_name, { year: validYear() || defaultYear() });
      form.save(window.TLPapers.docx(data.document, paperValues()), name, DOCX_TYPE);
      return form.format(strings.made, { file: name });
    });
  }

  function downloadCalendar() {
    make(function () {
      var events = calendarEvents();
      if (!events.length) {
        return strings.calendar_none;
      }
      var name = form.format(strings.calendar_name, { year: validYear() || defaultYear() });
      form.save(calendar(events, ui.week.checked, new Date()), name, CALENDAR_TYPE);
      return form.format(strings.made, { file: name });
    });
  }

  // ---- The calendar (RFC 5545): an all-day event per dated meeting, reminders the day (and week) before ----

  function calendarEvents() {
    var events = [];
    quarters.forEach(function (quarter) {
      quarter.meetings.forEach(function (meeting, position) {
        var date = specField(meeting, "date").input.value.trim();
        if (!form.isoDate(date)) {
          return;
        }
        var title = meeting.topic ? meeting.topic.title : "";
        var person = textOf(specField(meeting, "text").input);
        var link = new URL(prepareLink(meeting), window.location.href).href;
        events.push({
          uid: uid(validYear() || date.slice(0, 4), quarter.number, position + 1, meeting.topic),
          date: date,
          summary: title ? form.format(strings.event_summary, { title: title }) : strings.event_summary_blank,
          description: [
            person ? form.format(strings.event_person, { name: person }) : strings.event_person_blank,
            form.format(strings.event_link, { url: link }),
          ].join("\n"),
          post: form.format(strings.alarm_post, { title: title || strings.event_summary_blank }),
          draft: form.format(strings.alarm_draft, { title: title || strings.event_summary_blank }),
        });
      });
    });
    return events;
  }

  // Stable for the same meeting: the year, the quarter, the meeting's number in it and the topic.
  function uid(yearText, number, k, topic) {
    return [yearText, "q" + number, k, topic ? topic.slug : "buoi"].join("-") + "@" + UID_DOMAIN;
  }

  function calendar(events, weekBefore, now) {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + PRODID, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    var stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    events.forEach(function (event) {
      var start = form.isoDate(event.date);
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + event.uid,
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + basicDate(start),
        "DTEND;VALUE=DATE:" + basicDate(new Date(start.getTime() + DAY_MS)),
        "SUMMARY:" + calendarText(event.summary),
        "DESCRIPTION:" + calendarText(event.description)
      );
      // The day before at 09:00 (an all-day event starts at midnight), and a week before at 09:00.
      lines.push.apply(lines, alarm("-PT15H", event.post));
      if (weekBefore) {
        lines.push.apply(lines, alarm("-P6DT15H", event.draft));
      }
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(foldLine).join("\r\n") + "\r\n";
  }

  function alarm(trigger, text) {
    return ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + calendarText(text), "TRIGGER:" + trigger, "END:VALARM"];
  }

  function basicDate(date) {
    return date.toISOString().slice(0, 10).replace(/-/g, "");
  }

  // TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545, 3.3.11).
  function calendarText(value) {
    return window.TLPapers.cleanText(value)
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  // Lines of at most 75 octets of UTF-8; each following piece starts with a space (RFC 5545, 3.1). A character is
  // never cut in two.
  function foldLine(line) {
    var pieces = [];
    var piece = "";
    var size = 0;
    for (var i = 0; i < line.length; i += 1) {
      var code = line.codePointAt(i);
      var character = String.fromCodePoint(code);
      var octets = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      if (size + octets > 75) {
        pieces.push(piece);
        piece = " ";
        size = 1;
      }
      piece += character;
      size += octets;
      i += character.length - 1;
    }
    pieces.push(piece);
    return pieces.join("\r\n");
  }

  // ---- The link that prepares one meeting on chuan-bi/, with everything the plan knows ----

  function prepareLink(meeting) {
    var params = new URLSearchParams();
    specs.forEach(function (spec) {
      var value = paramValue(meeting, spec);
      if (spec.type === "date" && !form.isoDate(value)) {
        value = "";
      }
      if (spec.type === "flag" || value) {
        params.set(spec.prepare, value);
      }
    });
    cell.forEach(function (field) {
      var value = textOf(field.input);
      if (value) {
        params.set(field.id, value);
      }
    });
    var base = ui.prepareHref;
    if (window.location.protocol === "file:" && /\/$/.test(base)) {
      base += "index.html"; // a folder opened from a file shows its listing, not its page
    }
    return base + "?" + params.toString();
  }

  // ---- Events ----

  function wire() {
    ui.form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    cell.forEach(function (field) {
      field.input.addEventListener("input", function () {
        rememberCell();
        refresh(false);
        address.schedule();
      });
    });
    year.input.addEventListener("input", function () {
      refresh(false);
      address.schedule();
    });
    year.input.addEventListener("blur", function () {
      runChecks(true);
      address.flush();
    });
    ui.type.addEventListener("change", function () {
      refresh(true);
      address.run();
    });
    quarters.forEach(function (quarter) {
      quarter.add.addEventListener("click", function () {
        var meeting = addMeeting(quarter);
        refresh(true);
        address.run();
        specField(meeting, "topic").input.focus();
      });
      quarter.box.addEventListener("focusout", function (event) {
        if (!quarter.box.contains(event.relatedTarget)) {
          quarter.touched = true;
          runChecks(true);
        }
      });
    });
    ui.form.querySelector("[data-tl-forget]").addEventListener("click", forget);
    ui.form.querySelector("[data-tl-clear]").addEventListener("click", clearPlan);
    document.querySelector("[data-tl-docx]").addEventListener("click", downloadDocx);
    document.querySelector("[data-tl-calendar]").addEventListener("click", downloadCalendar);
    document.querySelector("[data-tl-print-plan]").addEventListener("click", function () {
      make(function () {
        return "";
      });
      window.print();
    });
    window.addEventListener("beforeprint", function () {
      render.run();
    });
    window.addEventListener("pagehide", function () {
      address.flush();
    });
  }

  function wireMeeting(meeting) {
    specs.forEach(function (spec) {
      var input = meeting.fields[spec.id].input;
      if (spec.type === "topic") {
        return; // the chooser (TLForm.combobox) calls back
      }
      if (spec.type === "flag") {
        input.addEventListener("change", function () {
          refresh(true);
          address.run();
        });
        return;
      }
      input.addEventListener("input", function () {
        refresh(false);
        address.schedule();
      });
      input.addEventListener("blur", function () {
        if (spec.type === "date") {
          form.restoreNative(input, "date", "date");
        }
        runChecks(true);
        address.flush();
      });
    });
    meeting.remove.addEventListener("click", function () {
      removeMeeting(meeting, true);
    });
    meeting.box.addEventListener("focusout", function (event) {
      if (!meeting.box.contains(event.relatedTarget)) {
        meeting.touched = true;
        runChecks(true);
      }
    });
  }

  // ---- Small helpers ----

  function validYear() {
    var text = year.input.value.normalize("NFC").trim();
    var value = Number(text);
    return /^\d{4}$/.test(text) && value >= year.min && value <= year.max ? value : 0;
  }

  // Next year in December (the plan is made at the turn of the year), else this year.
  function defaultYear() {
    var now = new Date();
    return now.getMonth() === 11 ? now.getFullYear() + 1 : now.getFullYear();
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  // The first (or last) day of a quarter, YYYY-MM-DD.
  function quarterDay(yearValue, number, first) {
    var date = new Date(0);
    date.setUTCFullYear(yearValue, first ? 3 * (number - 1) : 3 * number, first ? 1 : 0);
    return date.toISOString().slice(0, 10);
  }

  // A date as the paper writes it in its table (dd/mm/yyyy, the month with a zero only for 1 and 2).
  function shortDate(iso) {
    return window.TLPapers.fieldText({ field: "d", as: "short" }, { d: iso }, {});
  }

  function textOf(input) {
    return input.value.normalize("NFC").trim();
  }

  function kindName(kind) {
    return (strings.kinds && strings.kinds[kind]) || kind;
  }

  function kindOrder(entry) {
    return entry.kind === "session" ? 0 : 1;
  }

  function cellTypeName(id) {
    var found = (data.cell_types || []).filter(function (type) {
      return type.id === id;
    })[0];
    return found ? found.name : id;
  }

  function textLine(tag, className, text) {
    var node = form.element(tag, className);
    node.textContent = text;
    return node;
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
