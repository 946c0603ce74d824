/* Material for MkDocs' search box and result list, answered from Pagefind's index.
 *
 * Material runs its search in a web worker named in its page settings (overrides/main.html,
 * block config) and talks to it in four messages: SETUP (0) with its settings, READY (1),
 * QUERY (2) with the typed text, RESULT (3) with {items}: one array per page, the page
 * itself first, then its sections. This worker speaks that protocol; Pagefind
 * (site/pagefind/, written by boras_plan/search_index.py) stems Swedish and fetches only the
 * index chunks a query needs. Pagefind is loaded at the first query, not on every page view.
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const MAX_PAGES = 10;   // Material shows ten at first; fragments of more would be fetched for nothing
const MAX_SHOWN = 2;    // sections shown open per page; the rest under "fler träffar"
const FEW = 3;          // fewer pages than this with all the words: add pages with some of them
const root = new URL("../../", self.location.href);  // this file is assets/javascripts/search-worker.js

let pagefind = null;
let latest = 0;

function load() {
  pagefind ??= import(new URL("pagefind/pagefind.js", root).href).then(async engine => {
    await engine.options({ baseUrl: "/", excerptLength: 24 });
    await engine.init();
    return engine;
  });
  return pagefind;
}

// Titles are the pages' own text; Material inserts a result's title and text as HTML.
function escape(text) {
  return String(text).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

// Pagefind's excerpts are escaped text with <mark> around the hits; keep only those tags.
function excerpt(html) {
  const marked = String(html).replace(/<(\/?)mark>/g, "\u0001$1\u0002");
  const text = marked.replace(/<[^>]*>/g, "").replace(/[<>"']/g, c => `&#${c.charCodeAt(0)};`);
  return "<p>" + text.replace(/\u0001(\/?)\u0002/g, "<$1mark>") + "</p>";
}

function relative(url) {
  return url.replace(/^\//, "");
}

function weight(sub) {
  return (sub.weighted_locations || []).reduce((sum, hit) => sum + hit.balanced_score, 0);
}

// One page's result in Material's form: the page (location without '#') and its sections.
function group(data, score, terms) {
  const page = { location: relative(data.url), title: escape(data.meta.title || data.url), text: "", score, terms };
  const subs = [...data.sub_results].sort((a, b) => weight(b) - weight(a));
  const atTop = sub => !sub.anchor || sub.anchor.element === "h1";  // the page's own heading
  const top = subs.find(atTop);
  const sections = subs.filter(sub => !atTop(sub)).map(sub => ({
    location: relative(sub.url), title: escape(sub.title), text: excerpt(sub.excerpt), score: score / 2, terms,
  }));
  if (top) page.text = excerpt(top.excerpt);
  // The page's teaser shows when no section scores as high as the page (Material's rule):
  // when the best hit is in a section, that section and the next are shown instead.
  if (!subs.length || !atTop(subs[0]) || !top)
    sections.slice(0, MAX_SHOWN).forEach(section => { section.score = score; });
  if (!top && !sections.length) page.text = excerpt(data.excerpt);
  return [page, ...sections];
}

// A typo, or a form the stemmer keeps apart ("skolan" and "skola"): Pagefind matches whole
// words and their beginnings, so shorten the word from the end until it matches something
// (down to 60 % of it, never below 4 letters); `shorter` starts one letter in.
async function forgiving(engine, word, shorter = false) {
  const shortest = Math.max(4, Math.ceil(word.length * 0.6));
  for (let part = shorter ? word.slice(0, -1) : word; part.length >= shortest; part = part.slice(0, -1)) {
    const found = await engine.search(part);
    if (found.results.length) return found.results;
  }
  return [];
}

// A sentence ("orolig för mitt barn"): pages with all the words first (Pagefind's rule), and
// when they are few, then pages with some of the words, best summed score first.
// One word: the pages with it and the pages with a shorter form of it, best score first,
// however many have the word as typed: "skolan" finds the pages about "skola" even where a few
// pages happen to say "skolan".
async function find(engine, words) {
  const all = (await engine.search(words.join(" "))).results;
  const single = words.length === 1;
  if (!single && all.length >= FEW) return all;
  const seen = new Set(all.map(result => result.id));
  const some = new Map();
  const shorter = single && all.length > 0;  // the word itself is already in `all`
  for (const word of words)
    for (const result of await forgiving(engine, word, shorter))
      if (!seen.has(result.id))
        some.set(result.id, { result, score: (some.get(result.id)?.score || 0) + result.score });
  const others = [...some.values()].sort((a, b) => b.score - a.score).map(entry => entry.result);
  return single ? [...all, ...others].sort((a, b) => b.score - a.score) : [...all, ...others];
}

// The recommendations that declare the query as one of their keywords (plan.yaml `keywords:`, the
// filter "nyckelord" of the index): they are about it, so they come before every page that only
// mentions it, however often (Pagefind weighs a word by all its places on a page).
async function declared(engine, words) {
  const filters = { nyckelord: words.join(" ").toLowerCase() };
  const ranked = (await engine.search(words.join(" "), { filters })).results;  // best score first
  return ranked.length ? ranked : (await engine.search(null, { filters })).results;
}

// A title as typed: any case, spaces as one, without a recommendation's number ("7. ").
function asTitle(text) {
  return String(text || "").toLowerCase().replace(/\s+/g, " ").trim().replace(/^\d+\.\s*/, "");
}

async function search(query) {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return { items: [] };
  const engine = await load();
  const first = await declared(engine, words);
  const ids = new Set(first.map(result => result.id));
  const found = [...first, ...(await find(engine, words)).filter(result => !ids.has(result.id))];
  const pages = await Promise.all(found.slice(0, MAX_PAGES).map(result => result.data()));
  // After the pages that declare the query: the page whose title it is, before pages that use
  // its words more often (a short title of common words, "Utvärdera arbetet").
  const title = asTitle(query), rest = pages.splice(first.length);
  rest.sort((a, b) => (asTitle(b.meta.title) === title) - (asTitle(a.meta.title) === title));  // stable
  pages.push(...rest);
  const terms = Object.fromEntries(words.map(word => [word.toLowerCase(), true]));
  return { items: pages.map((data, index) => group(data, MAX_PAGES - index, terms)) };
}

self.addEventListener("message", async ({ data: message }) => {
  if (message.type === SETUP) {
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    const id = ++latest;
    const result = await search(message.data);
    if (result && id === latest) self.postMessage({ type: RESULT, data: result });
  }
});
