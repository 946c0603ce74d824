/* The page "Sök": all results of the query in the address (?query=…), where the search box's
 * button leads. The results come from the same worker as the search box
 * (assets/javascripts/search-worker.js, Material's protocol: SETUP, READY, QUERY, RESULT), so
 * both rank alike. The worker escapes titles and keeps only <mark> in excerpts, as Material
 * expects of it; they are inserted as such. Without JavaScript the page says where else to look. */
"use strict";

(() => {
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  const form = document.querySelector("form.search-page");
  const status = document.querySelector(".search-page__status");
  const list = document.querySelector(".search-page__results");
  const config = JSON.parse(document.getElementById("__config").textContent);
  if (!form || !status || !list) return;

  const query = (new URLSearchParams(location.search).get("query") || "").trim();
  form.elements.query.value = query;
  if (!query) {
    form.elements.query.focus();
    return;
  }
  document.title = `Sök: ${query} - ${document.title.split(" - ").slice(1).join(" - ")}`;
  status.textContent = `Söker efter ”${query}” …`;

  const root = new URL(config.base + "/", location.href);
  const link = (item, heading) => {
    const a = document.createElement("a");
    a.href = new URL(item.location, root).href;
    a.innerHTML = item.title;
    if (!heading) return a;
    const h = document.createElement("h2");
    h.append(a);
    return h;
  };
  const excerpt = item => {
    const p = document.createElement("p");
    p.innerHTML = item.text.replace(/^<p>|<\/p>$/g, "");
    return p;
  };

  const show = items => {
    const pages = items.length;
    status.textContent = pages
      ? `${pages} ${pages === 1 ? "sida" : "sidor"} med träffar för ”${query}”.`
      : `Inga sökträffar för ”${query}”.`;
    if (!pages) {
      // The search box's way onward (partials/search.html), the same links on this page.
      const help = document.querySelector(".search-help").cloneNode(true);
      help.hidden = false;
      list.after(help);
      return;
    }
    for (const [page, ...sections] of items) {
      const li = document.createElement("li");
      li.append(link(page, true));
      if (page.text) li.append(excerpt(page));
      if (sections.length) {
        const ul = document.createElement("ul");
        for (const section of sections) {
          const item = document.createElement("li");
          item.append(link(section, false));
          if (section.text) item.append(excerpt(section));
          ul.append(item);
        }
        li.append(ul);
      }
      list.append(li);
    }
    list.hidden = false;
  };

  const worker = new Worker(new URL(config.search, location.href));
  worker.addEventListener("message", ({ data: message }) => {
    if (message.type === READY) worker.postMessage({ type: QUERY, data: query });
    else if (message.type === RESULT) {
      show(message.data.items);
      worker.terminate();
    }
  });
  worker.postMessage({ type: SETUP, data: {} });
})();
