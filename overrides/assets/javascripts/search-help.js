/* Search: the ways onward from the search box (partials/search.html).
 * When a query finds nothing, offer links (nav.search-help) instead of a bare "Inga sökresultat".
 * Material writes that message; this follows it. Shown, the links stand in Material's result
 * element, so its arrow keys reach them; hidden, they stand outside it, so the arrows go
 * straight from the box to the results.
 * Tab from a box with a query reaches the button to the page of all results: Material closes the
 * search on Tab (hiding that button), so it is not told of this Tab, nor of Shift+Tab back. */
"use strict";

(() => {
  const help = document.querySelector(".search-help");
  const meta = document.querySelector(".md-search-result__meta");
  const input = document.querySelector(".md-search__input");
  const submit = document.querySelector(".search-submit");
  if (input && submit) {
    input.addEventListener("keydown", event => {
      if (event.key === "Tab" && !event.shiftKey && input.validity.valid) event.stopPropagation();
    });
    submit.addEventListener("keydown", event => {
      if (event.key === "Tab" && event.shiftKey) event.stopPropagation();
    });
  }
  if (!help || !meta) return;
  const parking = help.parentElement;
  const update = () => {
    const none = meta.textContent.trim() === help.dataset.when;
    if (none && help.hidden) meta.after(help);
    if (!none && !help.hidden) parking.append(help);
    help.hidden = !none;
  };
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
  update();
})();
