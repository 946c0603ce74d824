/* Benchmark only (bench/search_bench.py): Material's own search worker, renamed to
 * search.material.js, with each query rewritten before it sees it. Every word goes as
 * "word~N word": lunr runs the Swedish stemmer on the fuzzy term (Material appends "*" to
 * the plain one, which skips the stemmer), so inflections, a missing å/ä/ö and small typos
 * match; edit distance 1, or 2 from 7 letters on. */
"use strict";

const listen = self.addEventListener.bind(self);
const rewrite = query => query.trim().split(/\s+/).filter(Boolean)
  .map(word => /^[\p{L}\p{N}]+$/u.test(word) ? `${word}~${word.length >= 7 ? 2 : 1} ${word}` : word)
  .join(" ");
self.addEventListener = (type, handler, ...rest) => listen(type, type !== "message" ? handler
  : event => handler({ data: event.data.type === 2 ? { ...event.data, data: rewrite(event.data.data) } : event.data }), ...rest);
importScripts("search.material.js");
