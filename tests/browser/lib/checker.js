'use strict';
// The page checker, run on every page a journey visits.
//
// How JavaScript-off and axe fit together: the journey itself runs in a context with
// JavaScript disabled (the product must work without it). axe-core is JavaScript, so it runs
// in a second, JavaScript-on context, on a *replay* of the very response the JS-off journey
// received: the replay page asks for the same URL and Playwright answers that one request
// with the captured status and body (route.fulfill), while the stylesheet and anything else
// the page loads come from the live server. So axe sees exactly the bytes the server sent in
// that state (a form after a failed POST, a draft-saved banner, a confirmation page), laid out
// with the real CSS, without sending a POST twice or re-seeding anything. The pages carry no
// script of their own, so the DOM is the same with JavaScript on or off. The JS-on context
// bypasses the Content-Security-Policy, which (rightly) forbids the injected axe script.
//
// Checks, each failure naming page, rule and element:
//   axe        axe-core with tags wcag2a, wcag2aa, wcag21a, wcag21aa: zero violations (the gate);
//              best-practice violations and "needs review" results are printed as diagnostics
//   structure  exactly one <h1>; a non-empty <title>, unique to that page in the run (two pages
//              with different <h1>s may not share a title); lang on <html>
//   keyboard   the first Tab focuses a skip link ("Skip to ...", href="#id", visible when
//              focused) and Enter on it moves focus to its target
//   resources  every stylesheet or other subresource the JS-off page loads answers < 400
//   html       the raw served HTML (the response body, not the DOM) goes through the W3C Nu
//              checker: collected here, checked in one batch at the end (lib/vnu.js)
//   screenshot full page, JS-off, into screenshots/<journey>-<step>.png
//   reflow     the same replay, JS on, at 320 px wide and at 1280 px with 200 % zoom (640 CSS px,
//              device scale factor 2): no sideways scroll of the page, nothing cut off, and
//              every box that scrolls sideways is a focusable, named region (lib/reflow.js)

const fs = require('node:fs');
const path = require('node:path');
const axe = require('axe-core');
const { checkReflow, reflowContexts, closeReflowContexts } = require('./reflow');

const ROOT = path.resolve(__dirname, '..');
const SCREENSHOTS = path.join(ROOT, 'screenshots');
const HTML_DIR = path.join(ROOT, 'html'); // the raw bodies, kept for reading vnu's line numbers
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Pages collected in this run, for the HTML check at the end and the title check. */
const collected = [];
const titles = new Map(); // title -> { h1, page }

/** Empties screenshots/ and html/ at the start of a run, so what is there is this run's. */
function resetOutput() {
  for (const [dir, ext] of [[SCREENSHOTS, '.png'], [HTML_DIR, '.html']]) {
    fs.mkdirSync(dir, { recursive: true });
    for (const f of fs.readdirSync(dir)) if (f.endsWith(ext)) fs.rmSync(path.join(dir, f));
  }
}

function short(s, n = 300) {
  s = String(s ?? '').replace(/\s+/g, ' ').trim();
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** axe's node target (CSS selectors, possibly through frames/shadow roots) as one string. */
function target(node) {
  return node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ');
}

async function runAxe(page, tags) {
  return page.evaluate(
    ({ tags }) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] }),
    { tags },
  );
}

/** DOM facts for the structure checks. */
async function structure(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    title: document.title,
    titleCount: document.querySelectorAll('head > title').length,
    h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.replace(/\s+/g, ' ').trim()),
  }));
}

/** What has focus, described; and, for a link, where it points. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body', describe: '<body> (nothing focused)' };
    const r = el.getBoundingClientRect();
    const href = el.getAttribute('href');
    const id = href && href.startsWith('#') ? decodeURIComponent(href.slice(1)) : null;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      text: el.textContent.replace(/\s+/g, ' ').trim(),
      href,
      targetId: id,
      targetExists: id !== null && document.getElementById(id) !== null,
      visible: r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0 && r.left < innerWidth && r.top < innerHeight
        && style.visibility !== 'hidden' && style.clip !== 'rect(0px, 0px, 0px, 0px)',
      describe: `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}${el.className ? ` class="${el.className}"` : ''}${href ? ` href="${href}"` : ''}> ${el.textContent.replace(/\s+/g, ' ').trim().slice(0, 60)}`,
    };
  });
}

/**
 * Checks one page. `doc` is what the JS-off journey received: { url, status, headers, body
 * (Buffer) }; `offPage` is the JS-off page showing it; `onContext` the JS-on context for the
 * replay. `outDir` puts the screenshot and body elsewhere than screenshots/ and html/ (for
 * the checker's self-test, whose page is registered with `expectHtmlErrors`).
 * Returns { failures: [string], notes: [string] }.
 */
async function checkPage({ name, doc, offPage, onContext, reflow, resourceErrors = [], outDir, expectHtmlErrors = false, cookies: given, skipReflow = false }) {
  const failures = [];
  const notes = [];
  const fail = (rule, element, message) => failures.push(`${rule} ${element ? `[${element}] ` : ''}${message}`);

  // (c) the screenshot, of the JS-off page as a person without JavaScript sees it.
  // A page in another language (offPage null) has no JS-off page of its own: no screenshot.
  const shots = outDir || SCREENSHOTS;
  fs.mkdirSync(shots, { recursive: true });
  if (offPage) await offPage.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

  // (b) the raw body, for the W3C Nu checker at the end of the run.
  const htmlDir = outDir || HTML_DIR;
  fs.mkdirSync(htmlDir, { recursive: true });
  const file = path.join(htmlDir, `${name}.html`);
  fs.writeFileSync(file, doc.body);
  collected.push({ name, file, url: doc.url, status: doc.status, expectHtmlErrors });

  if (!/^text\/html\b/i.test(doc.headers['content-type'] || '')) {
    fail('content-type', null, `the page was served as "${doc.headers['content-type']}", not text/html`);
  }
  for (const r of resourceErrors) fail('resource', r.url, r.error);

  // The replay in the JS-on context (see the top of this file).
  // Signed-in pages: the replay context gets the journey's cookies, so whatever the page
  // loads besides the document (stylesheets, images) is asked for as the same person.
  const cookies = offPage ? await offPage.context().cookies() : given || [];
  await onContext.clearCookies();
  await onContext.addCookies(cookies);
  const replay = async (page) => {
    const same = (u) => u.href === doc.url;
    await page.route(same, (route) => route.fulfill({
      status: doc.status,
      contentType: doc.headers['content-type'] || 'text/html; charset=utf-8',
      body: doc.body,
    }));
    await page.goto(doc.url, { waitUntil: 'load' });
    await page.unroute(same);
  };
  const page = await onContext.newPage();
  try {
    await replay(page);

    // (a) axe: the WCAG 2.0/2.1 A and AA rules are the gate.
    await page.evaluate(axe.source);
    const wcag = await runAxe(page, WCAG_TAGS);
    for (const v of wcag.violations) {
      for (const n of v.nodes) {
        fail(`axe:${v.id}`, target(n), `(${v.impact}) ${v.help}. ${short(n.failureSummary)} — ${short(n.html, 160)}`);
      }
    }
    for (const v of wcag.incomplete) {
      for (const n of v.nodes) notes.push(`axe needs review: ${v.id} [${target(n)}] ${v.help}. ${short(n.failureSummary || n.any?.[0]?.message, 200)}`);
    }
    // Best practice: reported, not gating.
    const bp = await runAxe(page, ['best-practice']);
    for (const v of bp.violations) {
      for (const n of v.nodes) notes.push(`axe best-practice: ${v.id} [${target(n)}] ${v.help} — ${short(n.html, 120)}`);
    }

    // (d) structure.
    const s = await structure(page);
    if (!s.lang || !s.lang.trim()) fail('structure:html-lang', 'html', '<html> has no lang attribute');
    if (s.titleCount !== 1) fail('structure:title', 'title', `the page has ${s.titleCount} <title> elements`);
    if (!s.title.trim()) fail('structure:title', 'title', 'the <title> is empty');
    if (s.h1.length !== 1) fail('structure:one-h1', 'h1', `the page has ${s.h1.length} <h1> elements${s.h1.length ? `: ${s.h1.map((h) => `"${h}"`).join(', ')}` : ''}`);
    if (s.title.trim() && s.h1.length === 1) {
      const seen = titles.get(s.title);
      if (seen && seen.h1 !== s.h1[0]) {
        fail('structure:unique-title', 'title', `"${s.title}" is also the title of ${seen.page}, a different page (<h1> "${seen.h1}" there, "${s.h1[0]}" here)`);
      } else if (!seen) {
        titles.set(s.title, { h1: s.h1[0], page: name });
      }
    }

    // Keyboard: the skip link is the first stop and moves focus to its target.
    await page.keyboard.press('Tab');
    const first = await focused(page);
    // In any language: an in-page link with words ("Skip to main content", "Aller au contenu").
    const isSkip = first.tag === 'a' && first.targetId && first.text.length > 3;
    if (!isSkip) {
      fail('keyboard:skip-link-first', first.describe, 'the first Tab stop is not a skip link (an in-page link such as "Skip to main content")');
    } else {
      if (!first.targetExists) fail('keyboard:skip-link-target', first.describe, `no element has id="${first.targetId}"`);
      if (!first.visible) fail('keyboard:skip-link-visible', first.describe, 'the skip link is not visible when it has focus');
      await page.keyboard.press('Enter');
      const after = await page.evaluate((id) => {
        const t = document.getElementById(id);
        const a = document.activeElement;
        return { moved: !!t && (a === t || t.contains(a)), describe: a ? `<${a.tagName.toLowerCase()}${a.id ? ` id="${a.id}"` : ''}>` : 'nothing' };
      }, first.targetId);
      if (!after.moved) fail('keyboard:skip-link-moves-focus', first.describe, `Enter left focus on ${after.describe}, not in #${first.targetId}`);
    }
  } finally {
    await page.close();
  }

  // Reflow: 320 px and 200 % zoom, JavaScript on (lib/reflow.js).
  if (skipReflow) return { failures, notes };
  const own = !reflow;
  const contexts = reflow || await reflowContexts(onContext.browser());
  try {
    for (const c of Object.values(contexts)) {
      await c.clearCookies();
      await c.addCookies(cookies);
    }
    for (const p of await checkReflow(contexts, replay)) fail(p.rule, p.element, p.message);
  } finally {
    if (own) await closeReflowContexts(contexts);
  }
  return { failures, notes };
}

module.exports = { checkPage, collected, resetOutput, SCREENSHOTS, HTML_DIR, ROOT, WCAG_TAGS };
