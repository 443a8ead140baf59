'use strict';
// What a journey file uses. A journey is one node:test test with its own server, database
// and outbox, a JavaScript-off page to walk through, and the page checker on every page.
//
//   const { journey } = require('../lib/harness');
//   journey('check-in-link', async (j) => {
//     const world = await j.seed.cityWithPlan();           // lib/seed.js
//     const { link } = await j.seed.openRoundNow(world.contact.email);
//     await j.visit('form', () => j.page.goto(link), { status: 200 });
//     await j.page.fill('#...', '...');
//     await j.visit('saved', () => j.page.getByRole('button', { name: 'Save as draft' }).click());
//   });
//
// j.visit(step, action, { status }) runs `action` (anything that makes the JS-off page load a
// new document: goto, a click on a link or a submit button), waits for that document, asserts
// its status, and runs the page checker on it as a subtest named `<journey>-<NN>-<step>`.
// A checker failure fails that subtest (and so the run) but the journey goes on, so one run
// lists every page's problems; a failed assertion of the journey itself stops the journey.

const assert = require('node:assert/strict');
const { test } = require('node:test');
const { startServer } = require('./server');
const { Seed } = require('./seed');
const { browser } = require('./browser');
const { checkPage } = require('./checker');
const { reflowContexts, closeReflowContexts } = require('./reflow');
const { LANGUAGES, PSEUDO, fetchIn, unmarkedText } = require('./languages');

/** An error that prints as its message alone (the checker's stack says nothing useful). */
function plainError(message) {
  const e = new Error(message);
  e.stack = message;
  return e;
}

class Journey {
  constructor(name, t, server, page, onContext, reflow) {
    this.name = name;
    this.t = t;
    this.server = server;
    this.seed = new Seed(server);
    /** The JavaScript-off page the journey walks through. */
    this.page = page;
    this.onContext = onContext;
    /** The JS-on contexts of the reflow check (320 px, 200 % zoom). */
    this.reflow = reflow;
    this.steps = 0;
    /** Addresses already asked for in the other languages. */
    this.asked = new Set();
    this.resourceErrors = [];
    this.last = null;
    page.on('requestfailed', (r) => {
      if (!r.isNavigationRequest()) this.resourceErrors.push({ url: r.url(), error: `request failed: ${r.failure()?.errorText}` });
    });
    page.on('response', (r) => {
      if (!r.request().isNavigationRequest() && r.status() >= 400) this.resourceErrors.push({ url: r.url(), error: `answered ${r.status()}` });
    });
  }

  /**
   * Types a date (`2026-01-01`) into the field people know as `name`: the day, month and year
   * boxes of a date group (partials/date.hbs), or a single text input where the form has one.
   */
  async fillDate(name, iso) {
    const [y, m, d] = iso.split('-');
    const group = this.page.getByRole('group', { name });
    if (await group.count()) {
      await group.getByLabel('Day').fill(String(Number(d)));
      await group.getByLabel('Month').fill(String(Number(m)));
      await group.getByLabel('Year').fill(y);
    } else {
      await this.page.getByLabel(name).fill(iso);
    }
  }

  /** The base URL of the server under test. */
  get url() {
    return this.server.url;
  }

  /**
   * Runs `action`, waits for the new document in the JS-off page, checks its status
   * (`status`: a number or a list; default: any), and runs the page checker on it.
   * Returns { url, status, headers, body, html } of the document.
   */
  async visit(step, action, { status } = {}) {
    const page = this.page;
    const isDocument = (r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame() && !(r.status() >= 300 && r.status() < 400);
    this.resourceErrors = [];
    const response = page.waitForResponse(isDocument, { timeout: 30_000 });
    // 'load' of the new document: waiting for the response alone could see the old page.
    const loaded = page.waitForEvent('load', { timeout: 30_000 });
    // If `action` throws, these two are never awaited: keep their rejections handled.
    response.catch(() => {});
    loaded.catch(() => {});
    await action();
    const res = await response;
    await loaded;
    const body = await res.body();
    const doc = { url: res.url(), status: res.status(), headers: await res.allHeaders(), body, html: body.toString('utf8'), method: res.request().method() };
    this.last = doc;
    const name = `${this.name}-${String(++this.steps).padStart(2, '0')}-${step}`;
    // Checked (and screenshotted) first, so a page with the wrong status can be looked at.
    await this.check(name, doc);
    if (status !== undefined) {
      const wanted = [].concat(status);
      assert.ok(wanted.includes(doc.status), `${name}: ${doc.url} answered ${doc.status}, expected ${wanted.join(' or ')}\n${doc.html.slice(0, 2000)}`);
    }
    return doc;
  }

  /**
   * The page checker on `doc` (what visit() got), as a subtest that fails on any problem.
   * A page reached by GET is then asked for again, as the same person, in French and German
   * (`Accept-Language`), and each answer gets the same checks (axe, Nu; reflow at 320 px and
   * 200 % in German, the long one), and once in the pseudo-language `en-XA`, where every
   * message is marked: any text outside the marks was written into a template instead of the
   * message files (lib/languages.js). Each address is asked once per journey in each language.
   */
  async check(name, doc) {
    const resourceErrors = this.resourceErrors;
    const where = (d) => `${d.status} ${new URL(d.url).pathname.replace(/\/check-in\/.+/, '/check-in/…')}`;
    await this.t.test(`page ${name} (${where(doc)})`, async (st) => {
      const { failures, notes } = await checkPage({ name, doc, offPage: this.page, onContext: this.onContext, reflow: this.reflow, resourceErrors });
      for (const n of notes) st.diagnostic(n);
      if (failures.length) {
        throw plainError(`${name} (${doc.url}, ${doc.status}): ${failures.length} problem(s)\n  - ${failures.join('\n  - ')}`);
      }
    });
    if (doc.method !== 'GET' || !LANGUAGES.length || this.asked.has(doc.url)) return;
    this.asked.add(doc.url);
    for (const lang of LANGUAGES) {
      const other = await fetchIn(this.page.context(), doc.url, lang);
      const lname = `${name}-${lang}`;
      // A published report is frozen in the offered languages only: asked for in the
      // pseudo-language it answers in English, as it should.
      const frozen = /^\/reports\/(?!manage\b)[^/]+/.test(new URL(doc.url).pathname) && /^text\/html/.test(other.headers['content-type'] || '');
      if (lang === PSEUDO && frozen && (other.headers['content-language'] || '').startsWith('en') && other.headers['content-language'] !== PSEUDO) continue;
      await this.t.test(`page ${lname} (${where(other)})`, async (st) => {
        const failures = [];
        if (other.status !== doc.status) failures.push(`status: answered ${other.status} in ${lang}, ${doc.status} in English`);
        const lang0 = (other.headers['content-language'] || '').split(',')[0].trim();
        if (lang0 !== lang) failures.push(`content-language: "${other.headers['content-language']}" for a request in ${lang}`);
        if (!new RegExp(`<html lang="${lang}"`).test(other.html)) failures.push(`html-lang: <html> does not say lang="${lang}"`);
        if (lang === PSEUDO) {
          failures.push(...unmarkedText(other.html).map((t) => `text outside the message files: "${t}"`));
        } else {
          const cookies = await this.page.context().cookies();
          // Reflow in German, the longest of the three (French words fit where German ones do).
          const r = await checkPage({ name: lname, doc: other, offPage: null, onContext: this.onContext, reflow: this.reflow, cookies, skipReflow: lang !== 'de' });
          for (const n of r.notes) st.diagnostic(n);
          failures.push(...r.failures);
        }
        if (failures.length) {
          throw plainError(`${lname} (${other.url}, ${other.status}): ${failures.length} problem(s)\n  - ${failures.join('\n  - ')}`);
        }
      });
    }
  }
}

/**
 * Declares a journey: a test named `journey: <name>` that gets a fresh server (lib/server.js),
 * a JS-off browser context for the walk and a JS-on one for axe, and cleans up after itself.
 */
function journey(name, fn, { timeout = 180_000, server: serverOptions } = {}) {
  const only = (process.env.JOURNEYS || '').split(',').map((s) => s.trim()).filter(Boolean);
  const skip = only.length > 0 && !only.includes(name) ? `not in JOURNEYS=${process.env.JOURNEYS}` : false;
  test(`journey: ${name}`, { timeout, skip }, async (t) => {
    const server = await startServer(serverOptions);
    let off;
    let on;
    let reflow;
    try {
      const b = await browser();
      off = await b.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
      on = await b.newContext({ javaScriptEnabled: true, bypassCSP: true, locale: 'en-GB' });
      reflow = await reflowContexts(b);
      const page = await off.newPage();
      // A sanity check of the premise: in this context the page's own scripts do not run.
      await page.setContent('<p id="p">static</p><script>document.getElementById("p").textContent = "scripted"</script>');
      assert.equal(await page.textContent('#p'), 'static', 'JavaScript should be off in the journey context');
      await fn(new Journey(name, t, server, page, on, reflow));
    } catch (e) {
      t.diagnostic(`the journey stopped; last lines of the server's log:\n${server.log().split('\n').slice(-40).join('\n')}`);
      throw e;
    } finally {
      if (off) await off.close();
      if (on) await on.close();
      await closeReflowContexts(reflow);
      await server.stop();
    }
  });
}

module.exports = { journey, Journey, plainError };
