// Session scripts and forms: recompute the paper's clock times when the start time changes; print buttons.
// Without JavaScript the page shows the printed default times and no controls.
(function () {
  "use strict";

  function pad(number) {
    return String(number).padStart(2, "0");
  }

  function clock(total) {
    var minutes = ((total % 1440) + 1440) % 1440;
    return pad(Math.floor(minutes / 60)) + ":" + pad(minutes % 60);
  }

  function updateTimes(start) {
    var match = /^(\d{1,2}):(\d{2})$/.exec(start || "");
    if (!match) {
      return;
    }
    var begin = parseInt(match[1], 10) * 60 + parseInt(match[2], 10);
    document.querySelectorAll(".tl-doc .tl-clock[data-clock]").forEach(function (cell) {
      cell.textContent = clock(begin + parseInt(cell.getAttribute("data-clock"), 10));
    });
    document.querySelectorAll('.tl-doc [data-field="gio"][data-as="hour"]').forEach(function (cell) {
      cell.textContent = match[1].padStart(2, "0");
    });
    document.querySelectorAll('.tl-doc [data-field="gio"][data-as="minute"]').forEach(function (cell) {
      cell.textContent = match[2];
    });
  }

  function init() {
    document.querySelectorAll(".tl-agenda-controls").forEach(function (controls) {
      controls.hidden = false;
    });
    document.querySelectorAll("[data-tl-start]").forEach(function (input) {
      input.addEventListener("input", function () {
        updateTimes(input.value);
      });
    });
    document.querySelectorAll("[data-tl-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
