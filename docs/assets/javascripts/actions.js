/* "Alla åtgärder": filter rows by owner, year and status, and sort columns.
 * Progressive enhancement: without JavaScript the filter form stays hidden
 * and the page offers the same answers as sections per year and per owner. */
(function () {
  "use strict";

  function setUpFilter(form) {
    var table = document.getElementById(form.getAttribute("data-filter-for"));
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = form.querySelector(".action-filter__count");

    function matches(row) {
      var owner = form.elements.owner.value;
      var year = form.elements.year.value;
      var status = form.elements.status.value;
      return (!owner || row.getAttribute("data-owners").split(" ").indexOf(owner) !== -1) &&
        (!year || row.getAttribute("data-year") === year) &&
        (!status || row.getAttribute("data-status") === status);
    }

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        row.hidden = !matches(row);
        if (!row.hidden) shown += 1;
      });
      count.textContent = "Visar " + shown + " av " + rows.length + " åtgärder.";
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form.action-filter"), setUpFilter);
    if (window.Tablesort) {
      Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), function (table) {
        if (!table.hasAttribute("data-sort-ready")) {
          new window.Tablesort(table);
          table.setAttribute("data-sort-ready", "");
        }
      });
    }
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
