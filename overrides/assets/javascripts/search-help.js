/* Search: when a query finds nothing, offer the way onward (partials/search.html, nav.search-help)
 * instead of a bare "Inga sökresultat". Material writes that message; this follows it. */
"use strict";

(() => {
  const help = document.querySelector(".search-help");
  const meta = document.querySelector(".md-search-result__meta");
  if (!help || !meta) return;
  const update = () => { help.hidden = meta.textContent.trim() !== help.dataset.when; };
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
  update();
})();
