/* Phones: while its search is open, Material locks the page, and on closing puts the page back
 * where it was. When keyboard focus moved on meanwhile (Tab out of the search box), the focused
 * element is left off-screen; bring it into view (WCAG 2.4.11). Loaded by main.html. */
(function () {
  "use strict";
  new MutationObserver(function () {
    var el = document.activeElement;
    if (document.body.hasAttribute("data-md-scrolllock") || !el || el === document.body) return;
    var box = el.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) el.scrollIntoView({ block: "center" });
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-scrolllock"] });
})();
