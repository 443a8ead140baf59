'use strict';
// Pages in the other languages (see Journey.check in lib/harness.js).
//
// LANGUAGES (env BROWSER_LANGUAGES, default "fr,de,en-XA") are asked for each address a
// journey reaches by GET. fr and de get the full page checks; en-XA is the pseudo-language the
// test server offers (CHARTER_TRACKER__NETWORK__PSEUDO_LANGUAGE, lib/server.js): every message
// comes back as ⟦accented text⟧ and every value a template shows as ⸢value⸣, so text outside
// both marks was typed into a template (or built in Rust without the message files).

const PSEUDO = 'en-XA';
const LANGUAGES = (process.env.BROWSER_LANGUAGES ?? `fr,de,${PSEUDO}`).split(',').map((s) => s.trim()).filter(Boolean);

/** GETs `url` as the journey's person (the context's cookies) with Accept-Language `lang`. */
async function fetchIn(context, url, lang) {
  const res = await context.request.get(url, { headers: { 'Accept-Language': lang }, maxRedirects: 0 });
  const body = await res.body();
  return { url, status: res.status(), headers: res.headers(), body, html: body.toString('utf8'), method: 'GET' };
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#x27': "'", '#39': "'", '#x2F': '/', '#x3D': '=', '#x60': '`' };

/**
 * The pieces of a pseudo-language page's text that are outside every mark: the text between
 * tags (not inside <script>, <style> or <title>'s surroundings), and the words of the attributes
 * people read (alt, title, aria-label, placeholder, value of buttons). Whitespace, digits and
 * punctuation alone are not text.
 */
function unmarkedText(html) {
  const pieces = [];
  const body = html.replace(/<script[\s\S]*?<\/script>/gi, '').replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<!--[\s\S]*?-->/g, '');
  const decode = (s) => s.replace(/&([#a-zA-Z0-9]+);/g, (m, e) => ENTITIES[e] ?? (e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(parseInt(e.slice(1), 10)) : m));
  // Text between tags.
  for (const m of body.matchAll(/>([^<]+)</g)) pieces.push(decode(m[1]));
  // Attributes people read.
  for (const m of body.matchAll(/\s(?:alt|title|aria-label|placeholder)="([^"]*)"/g)) pieces.push(decode(m[1]));
  const out = [];
  for (const p of pieces) {
    // Remove marked spans (marks nest: a message inside a value); what is left is unmarked.
    let rest = p;
    for (let i = 0; i < 5; i += 1) {
      const before = rest;
      rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ').replace(/⸢[^⸢⸣]*⸣/g, ' ');
      if (rest === before) break;
    }
    // Letters of any script count as text; numbers, dates in digits, punctuation and codes
    // (a commitment's "PM1", an indicator's "EM1-A", drawn into charts) do not.
    rest = rest.replace(/\b[A-Z]{1,5}[0-9][A-Z0-9-]*\b/g, ' ');
    if (/\p{L}{2,}/u.test(rest)) out.push(rest.replace(/\s+/g, ' ').trim().slice(0, 120));
  }
  return [...new Set(out)];
}

module.exports = { LANGUAGES, PSEUDO, fetchIn, unmarkedText };
