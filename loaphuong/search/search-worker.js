/* Loa Phường search worker. Material's header search box talks to its worker with four messages
   (0 SETUP, 1 READY, 2 QUERY, 3 RESULT); this worker answers them from the Pagefind index, so the box,
   its look and its keyboard flow stay Material's. LP_FOLD (one character -> one character) is written
   above this file at build time from loaphuong.search.normalize, the table the index was folded with;
   LP_SHARDS (folders under pagefind/) too: the index is written in shards, merged here into one search. */
"use strict";

const ROOT = new URL("../../../", self.location.href); // this file: assets/javascripts/loaphuong/
const TONES = /[\u0300\u0301\u0309\u0303\u0323]/g; // huyền sắc hỏi ngã nặng
const SEPARATOR = /(?<=[\p{L}\p{N}])[-/._:](?=[\p{L}\p{N}])/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const NOT_WORD = "[^\\p{L}\\p{N}]";
const CANDIDATES = 20; // pages whose fragments are read and re-ranked
const KIND = { plan: 2, page: 1, qa: 0 };
let engine = null;
let latest = 0;

/* Lower case and folded, one UTF-16 unit for one: a match in the folded text is at the same place
   in the accented original, which is what the reader is shown. */
function fold(text) {
  let out = "";
  for (const c of text) {
    const lower = c.toLowerCase();
    const one = lower.length === c.length ? lower : c;
    out += LP_FOLD[one] || one;
  }
  return out;
}

function words(text) {
  return text.replace(SEPARATOR, " ").match(WORD) || [];
}

/* 'hoà' and 'hòa', 'uỷ' and 'ủy' give one key: the tone is moved after the letters. */
function toneKey(word) {
  const d = word.toLowerCase().normalize("NFD");
  return d.replace(TONES, "").normalize("NFC") + (d.match(TONES) || []).join("");
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/* '173kh' also matches '173-KH': a separator may stand where digits meet letters. */
function flexible(word) {
  return escapeRe(word).replace(/(?<=\d)(?=\p{L})|(?<=\p{L})(?=\d)/gu, "[-/._ ]?");
}

/* The words in order, adjacent; the last one may still be being typed. */
function phrasePattern(qw) {
  const body = qw.map(flexible).join(`${NOT_WORD}+`);
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}`, "u");
}

/* Whole words, the last one also as a prefix (it may be half typed); one-letter words only alone. */
function wordPattern(qw, prefix = true) {
  const last = prefix ? qw.length - 1 : -1;
  const alts = qw.map((w, i) => (i === last ? `${flexible(w)}[\\p{L}\\p{N}]*` : `${flexible(w)}(?![\\p{L}\\p{N}])`))
    .filter((_, i) => qw.length === 1 || qw[i].length > 1);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join("|") || "(?!)"})`, "gu");
}

/* Accented text with the query's words marked; positions come from the folded copy. */
function mark(original, qw, found = new Set(), how = {}) {
  const folded = fold(original);
  const re = wordPattern(qw, how.prefix !== false);
  let html = "";
  let at = 0;
  for (const m of folded.matchAll(re)) {
    // Marks typed: mark the words as typed (any tone placement), not every word they fold to.
    if (how.exact && !how.exact.has(toneKey(original.slice(m.index, m.index + m[0].length)))) continue;
    html += escapeHtml(original.slice(at, m.index));
    const word = original.slice(m.index, m.index + m[0].length);
    found.add(word.toLowerCase());
    html += `<mark>${escapeHtml(word)}</mark>`;
    at = m.index + m[0].length;
  }
  return html + escapeHtml(original.slice(at));
}

/* A window of about 220 characters around the phrase, or where most query words gather. */
function snippet(original, qw, found, how) {
  const folded = fold(original);
  let at = -1;
  const phrase = phrasePattern(qw).exec(folded);
  if (phrase) {
    at = phrase.index;
  } else {
    let best = -1;
    for (const m of folded.matchAll(wordPattern(qw))) {
      const near = folded.slice(m.index, m.index + 160);
      const count = qw.filter(w => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(w)}`, "u").test(near)).length;
      if (count > best) { best = count; at = m.index; }
      if (count === qw.length) break;
    }
  }
  if (at < 0) return "";
  let start = Math.max(0, at - 60);
  if (start > 0) start = original.indexOf(" ", start) + 1 || start;
  let end = Math.min(original.length, start + 220);
  if (end < original.length) end = original.lastIndexOf(" ", end) > at ? original.lastIndexOf(" ", end) : end;
  return (start > 0 ? "… " : "") + mark(original.slice(start, end), qw, found, how) + (end < original.length ? " …" : "");
}

function analyse(data, rank, qw, accented) {
  const meta = data.meta || {};
  const phrase = phrasePattern(qw);
  const fields = { s: meta.s || "", title: meta.title || "", m: meta.m || "", o: meta.o || "" };
  const folded = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, fold(v)]));
  /* Where the words stand together: số hiệu or title, then metadata, then body, then nowhere. */
  let level = 0;
  if (phrase.test(folded.s) || phrase.test(folded.title)) level = 3;
  else if (phrase.test(folded.m)) level = 2;
  else if (phrase.test(folded.o)) level = 1;
  /* With marks typed, pages that have the words as typed (any tone placement) come first. */
  let exact = 0;
  if (accented) {
    const keys = new Set(words(`${fields.s} ${fields.title} ${fields.m} ${fields.o}`).map(toneKey));
    exact = accented.filter(w => keys.has(toneKey(w))).length / accented.length;
  }
  return { data, rank, level, exact, kind: KIND[meta.k] ?? 1, fields, folded };
}

function compare(a, b) {
  return b.level - a.level || b.exact - a.exact || b.kind - a.kind || a.rank - b.rank;
}

/* A plan's page above its own Q&A page, whatever the words matched. */
function planFirst(hits) {
  const out = [];
  for (const hit of hits) {
    if (out.includes(hit)) continue;
    const planUrl = hit.data.meta.p;
    const plan = planUrl && hits.find(h => h.data.raw_url === "/" + planUrl);
    if (plan && !out.includes(plan)) out.push(plan);
    out.push(hit);
  }
  return out;
}

function item(hit, score, qw, accented) {
  const meta = hit.data.meta;
  const location = hit.data.raw_url.replace(/^\//, "");
  const phrase = phrasePattern(qw);
  const source = phrase.test(hit.folded.o) ? hit.fields.o
    : phrase.test(hit.folded.m) ? hit.fields.m
    : wordPattern(qw).test(hit.folded.o) ? hit.fields.o
    : hit.fields.m || hit.fields.o;
  const all = Object.values(hit.folded).join(" ");
  const last = qw[qw.length - 1];
  const how = {
    // The last word is matched as a prefix only while no page word equals it ('hoa' is not 'hoạch').
    prefix: !new RegExp(`(?<![\\p{L}\\p{N}])${flexible(last)}(?![\\p{L}\\p{N}])`, "u").test(all),
    exact: hit.exact === 1 ? new Set(accented.map(toneKey)) : null,
  };
  const found = new Set();
  const title = mark(meta.title || location, qw, found, how);
  const text = snippet(source, qw, found, how) || escapeHtml(source.slice(0, 200));
  // Material highlights these on the page opened: the accented words as they stand there.
  const terms = Object.fromEntries([...found].map(w => [w, true]));
  const docs = [{ location, title, text: `<p>${text}</p>`, score, terms }];
  let headings = {};
  try { headings = JSON.parse(meta.h || "{}"); } catch (e) { headings = {}; }
  const sections = (hit.data.sub_results || []).filter(s => s.anchor && s.anchor.id && headings[s.anchor.id]);
  sections.slice(0, 3).forEach((s, i) => docs.push({
    location: `${location}#${s.anchor.id}`, title: mark(headings[s.anchor.id], qw, new Set(), how), text: "",
    score: score - 0.5 - i / 100, terms,
  }));
  return docs;
}

function load() {
  if (!engine) {
    engine = import(new URL("pagefind/pagefind.js", ROOT).href).then(async pagefind => {
      // Plans are long documents: length should not bury them under short pages.
      const ranking = { pageLength: 0.3 };
      await pagefind.options({ basePath: new URL("pagefind/", ROOT).pathname, ranking });
      await pagefind.init();
      // The other shards share the primary's wasm; their results are ranked together with its own.
      await Promise.all(LP_SHARDS.map(s => pagefind.mergeIndex(new URL(`pagefind/${s}/`, ROOT).pathname, { ranking })));
      return pagefind;
    });
  }
  return engine;
}

/* Pages holding every word. Pagefind answers a word its index does not hold with the words that share
   its longest known beginning ('nqtu' finds 'nqtw'), so a shard without the word would answer with
   near misses, ranked among the other shards' real matches. With several shards, a page is kept only
   when it holds each word exactly ('"word"': Pagefind's exact search) wherever some shard holds that
   word; a word no shard holds (still being typed) keeps Pagefind's own prefix answer, as one index does.
   The last word, a prefix with one index, then matches whole words only: shards trade that for bounded
   memory at build time (issue 11). */
async function every(pagefind, terms) {
  const searches = [terms.join(" "), ...(LP_SHARDS.length ? terms.map(t => `"${t}"`) : [])];
  const [results, ...exact] = (await Promise.all(searches.map(q => pagefind.search(q))))
    .map(response => response.results);
  const held = exact.filter(found => found.length).map(found => new Set(found.map(r => r.id)));
  return results.filter(r => held.every(ids => ids.has(r.id)));
}

/* Answers in up to two steps: the pages holding the phrase (found through the indexed word pairs,
   'hoagiai', see records.py: rare words, so quick), then, when they are fewer than CANDIDATES, the
   pages holding the words anywhere (each word also a prefix of longer ones: the costly search).
   Pages with the phrase stay on top, so the second answer only adds results below the first. */
async function search(query, id, post) {
  const text = query.normalize("NFC");
  const qw = words(fold(text));
  if (!qw.length) return post([]);
  const typed = words(text);
  const accented = typed.some((w, i) => w.toLowerCase() !== qw[i]) ? typed : null;
  const pagefind = await load();
  const rank = async results => {
    const datas = await Promise.all(results.slice(0, CANDIDATES).map(r => r.data()));
    if (id !== latest) return null;
    const hits = planFirst(datas.map((d, i) => analyse(d, i, qw, accented)).sort(compare));
    return hits.map((hit, i) => item(hit, hits.length - i, qw, accented));
  };
  let together = [];
  if (qw.length > 1) {
    together = await every(pagefind, qw.slice(1).map((w, i) => qw[i] + w));
    if (id !== latest) return null;
    if (together.length) {
      const items = await rank(together);
      if (!items) return null;
      post(items);
      if (together.length >= CANDIDATES) return null;
    }
  }
  const all = await every(pagefind, qw);
  if (id !== latest) return null;
  const seen = new Set(together.map(r => r.id));
  const items = await rank([...together, ...all.filter(r => !seen.has(r.id))]);
  if (items) post(items);
  return null;
}

self.addEventListener("message", async event => {
  const message = event.data;
  if (message.type === 0) {
    self.postMessage({ type: 1 });
    // Material sets up its worker when a page loads (on file:// when search opens): fetch Pagefind's
    // code, wasm and page list now (about 150 KiB, then cached) so the first query only needs its words.
    load().catch(error => console.error("Loa Phường search:", error));
  } else if (message.type === 2) {
    const id = ++latest;
    // Each key press sends a query: wait for the reader to pause, answer only the latest.
    await new Promise(resolve => setTimeout(resolve, 80));
    if (id !== latest) return;
    try {
      await search(String(message.data || ""), id, items => self.postMessage({ type: 3, data: { items } }));
    } catch (error) {
      console.error("Loa Phường search:", error);
      if (id === latest) self.postMessage({ type: 3, data: { items: [] } });
    }
  }
});
