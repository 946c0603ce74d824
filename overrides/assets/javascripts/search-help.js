/* Search: when a query finds nothing, offer the way onward (partials/search.html, nav.search-help)
 * instead of a bare "Inga sökresultat". Material writes that message; this follows it.
 * Shown, the links stand in Material's result element, so its arrow keys reach them; hidden,
 * they stand outside it, so the arrows go straight from the box to the results. */
"use strict";

(() => {
  const help = document.querySelector(".search-help");
  const meta = document.querySelector(".md-search-result__meta");
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
