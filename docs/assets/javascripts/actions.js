/* "Alla åtgärder": filter rows by owner, year and status, and sort columns.
 * Progressive enhancement: without JavaScript the filter form stays hidden
 * and the page offers the same answers as sections per year and per owner;
 * with it those sections are hidden and their links set the filter.
 * The choice is kept in the page's address (?owner=…&year=…&status=…), so a filtered view
 * can be shared and a reload restores it; the table's caption says what it shows.
 * With JavaScript the form is laid out from the first paint (the `js` class set
 * in <head> by overrides/main.html, and the .action-filter CSS), so nothing moves when
 * this script runs; the form loses its `hidden` attribute once filters and
 * sorting work. */
(function () {
  "use strict";

  // The status filter's value (and section anchor) for actions with nothing reported (parts.py).
  var NO_FOLLOW_UP = "ingen-uppfoljning";

  // Non-urgent set-up runs when the browser is idle, not inside the page's first long task.
  var later = window.requestIdleCallback
    ? function (fn) { window.requestIdleCallback(fn, { timeout: 500 }); }
    : function (fn) { setTimeout(fn, 0); };

  function setUpFilter(form) {
    var table = document.getElementById(form.getAttribute("data-filter-for"));
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = form.querySelector(".action-filter__count");
    var fields = [form.elements.owner, form.elements.year, form.elements.status];
    var caption = table.caption;
    var allCaption = caption.textContent;
    // Each row's data, read once (no DOM reads during a filter pass).
    var data = rows.map(function (row) {
      return {
        owners: row.getAttribute("data-owners").split(" "),
        year: row.getAttribute("data-year"),
        status: row.getAttribute("data-status"),
        deadlinePassed: row.hasAttribute("data-deadline-passed"),
        noFollowUp: row.hasAttribute("data-no-follow-up")
      };
    });

    function apply() {
      var owner = fields[0].value, year = fields[1].value, status = fields[2].value;
      var shown = 0;
      rows.forEach(function (row, i) {
        var d = data[i];
        var hide = !((!owner || d.owners.indexOf(owner) !== -1) &&
          (!year || d.year === year) &&
          (!status || d.status === status || (status === "tidsfrist-passerad" && d.deadlinePassed) ||
            (status === NO_FOLLOW_UP && d.noFollowUp)));
        if (row.hidden !== hide) row.hidden = hide; // write only rows that change
        if (!hide) shown += 1;
      });
      var text = "Visar " + shown + " av " + rows.length + " åtgärder.";
      if (count.textContent !== text) count.textContent = text;
      var chosen = described();
      var title = chosen ? shown + " av " + rows.length + " åtgärder: " + chosen : allCaption;
      if (caption.textContent !== title) caption.textContent = title;
    }

    // What the filter shows, in words: "Kommunstyrelsen, klart senast 2017, Pågår".
    function described() {
      var parts = [];
      if (fields[0].value) parts.push(fields[0].selectedOptions[0].textContent);
      if (fields[1].value) parts.push("klart senast " + fields[1].value);
      if (fields[2].value) parts.push(fields[2].selectedOptions[0].getAttribute("data-label"));
      return parts.join(", ");
    }

    // The address keeps the choice: only the fields that are set, without the section's anchor.
    function remember() {
      var query = new URLSearchParams();
      fields.forEach(function (field) { if (field.value) query.set(field.name, field.value); });
      var address = location.pathname + (query.toString() ? "?" + query : "");
      if (address !== location.pathname + location.search + location.hash) history.replaceState(null, "", address);
    }

    // A choice from the address; one the form does not offer (an old link) leaves the field at "Alla".
    function restore() {
      var query = new URLSearchParams(location.search);
      if (!fields.some(function (field) { return query.has(field.name); })) return false;
      fields.forEach(function (field) {
        var value = query.get(field.name) || "";
        var offered = Array.prototype.some.call(field.options, function (option) { return option.value === value; });
        field.value = offered ? value : "";
      });
      apply();
      return true;
    }

    // Addresses of the per-year, per-owner and no-follow-up sections (hidden with JavaScript):
    // #ar-2017, #ansvarig-kommunstyrelsen-2017, #ansvarig-ej-angivet, #ingen-uppfoljning,
    // #per-ar, #per-ansvarig. They set the filter and bring the table into view.
    var GROUP = /^#(?:ar-(\d{4})|ansvarig-ej-angivet|ansvarig-(.+)-(\d{4})|ingen-uppfoljning|per-ar|per-ansvarig)$/;

    function showGroup(hash) {
      var match = GROUP.exec(hash);
      if (!match) return false;
      fields[0].value = hash === "#ansvarig-ej-angivet" ? "none" : (match[2] || "");
      fields[1].value = match[1] || match[3] || "";
      fields[2].value = hash === "#" + NO_FOLLOW_UP ? NO_FOLLOW_UP : "";
      apply();
      showTable();
      return true;
    }

    // The answer, with its caption, in view and focused (a phone has the quick links in between).
    function showTable() {
      table.setAttribute("tabindex", "-1");
      table.focus({ preventScroll: true });
      table.scrollIntoView();
    }

    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest('a[href^="#"]');
      if (link && showGroup(link.getAttribute("href"))) {
        event.preventDefault();
        if (location.hash !== link.getAttribute("href") || location.search) history.pushState(null, "", location.pathname + link.getAttribute("href"));
      }
    });
    // Back and forward between a section's anchor and a choice in the address (an entry the
    // quick links pushed fires popstate only; an anchor typed in the address, hashchange too).
    function follow() { if (!showGroup(location.hash)) restore(); }
    window.addEventListener("hashchange", follow);
    window.addEventListener("popstate", follow);

    form.addEventListener("change", function () { apply(); remember(); });
    // The button applies the same choice without the live filtering (and keeps it in the address).
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); remember(); showTable(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(); remember(); }, 0); });
    // The page is built unfiltered, with the count filled in: a pass is needed only for a
    // section's anchor, a choice in the address, or earlier choices the browser restored (back).
    if (!showGroup(location.hash) && !restore() && fields.some(function (field) { return field.value; })) { apply(); remember(); }
  }

  function setUpSorting() {
    if (!window.Tablesort) return;
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]:not([data-sort-ready])"), function (table) {
      new window.Tablesort(table);
      table.setAttribute("data-sort-ready", "");
    });
  }

  function init() {
    var forms = document.querySelectorAll("form.action-filter[hidden]");
    if (!forms.length && !document.querySelector("table[data-sortable]")) return;
    Array.prototype.forEach.call(forms, setUpFilter);
    later(function () {
      setUpSorting();
      Array.prototype.forEach.call(forms, function (form) { form.hidden = false; });
    });
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
