// Session scripts and forms: recompute the agenda's clock times when the start time changes; print buttons.
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

  function updateTimes(table, start) {
    var match = /^(\d{1,2}):(\d{2})$/.exec(start || "");
    if (!table || !match) {
      return;
    }
    var now = parseInt(match[1], 10) * 60 + parseInt(match[2], 10);
    table.querySelectorAll("td[data-minutes]").forEach(function (cell) {
      var length = parseInt(cell.getAttribute("data-minutes"), 10);
      cell.textContent = clock(now) + "\u2013" + clock(now + length);
      now += length;
    });
  }

  function init() {
    document.querySelectorAll(".tl-agenda-controls").forEach(function (controls) {
      controls.hidden = false;
    });
    document.querySelectorAll("[data-tl-start]").forEach(function (input) {
      var table = document.getElementById(input.getAttribute("aria-controls"));
      input.addEventListener("input", function () {
        updateTimes(table, input.value);
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
