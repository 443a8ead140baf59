'use strict';
// The checker's self-test: a page that breaks every rule on purpose goes through the same
// checker as the journeys' pages, and each kind of problem must be reported. This guards the
// harness against passing because a check silently did nothing (axe not injected, vnu's output
// not read, a selector that matches nothing). Its body also goes into the run's one vnu batch,
// marked as expected to fail there.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test } = require('node:test');
const { browser } = require('./browser');
const { checkPage } = require('./checker');

const BAD = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Checker self-test</title></head>
<body>
<a href="/somewhere">A link first, no skip link</a>
<h1>One heading</h1>
<h1>Two headings</h1>
<p>Name <input type="text" name="unlabelled"></p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color:#bbbbbb;background:#ffffff">Grey on white is hard to read.</p>
<p><div>A block inside a paragraph.</div></p>
<div style="width:500px">A box wider than a phone, so the page scrolls sideways.</div>
<div style="overflow:hidden;width:200px"><span style="display:inline-block;width:400px">Text cut off by a box that hides it.</span></div>
<div style="overflow-x:auto;width:200px"><table><tr><td style="white-space:nowrap">A table that scrolls in a box no keyboard can reach</td></tr></table></div>
</body>
</html>
`;

function selfTest() {
  test('checker: reports every kind of problem on a page made to fail', async (t) => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-tracker-checker-selftest-'));
    const b = await browser();
    const off = await b.newContext({ javaScriptEnabled: false });
    const on = await b.newContext({ javaScriptEnabled: true, bypassCSP: true });
    try {
      const offPage = await off.newPage();
      await offPage.setContent(BAD);
      // Nothing listens on port 9 (discard); the replay answers the document itself.
      const doc = { url: 'http://127.0.0.1:9/checker-self-test', status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(BAD) };
      const { failures } = await checkPage({ name: 'checker-self-test', doc, offPage, onContext: on, outDir: out, expectHtmlErrors: true });
      for (const f of failures) t.diagnostic(`found, as it should: ${f.slice(0, 160)}`);
      const rules = new Set(failures.map((f) => f.split(' ')[0]));
      for (const rule of ['axe:html-has-lang', 'axe:label', 'axe:image-alt', 'axe:color-contrast', 'structure:html-lang', 'structure:one-h1', 'keyboard:skip-link-first', 'reflow:page-scrolls-sideways', 'reflow:cut-off', 'reflow:scroll-not-focusable']) {
        assert.ok(rules.has(rule), `the checker should report ${rule}; it reported:\n  - ${failures.join('\n  - ')}`);
      }
    } finally {
      await off.close();
      await on.close();
    }
  });
}

module.exports = { selfTest };
