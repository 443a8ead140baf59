'use strict';
// The run: the checker's self-test, every journey in journeys/ (one file each, in file-name order, one after another in
// this process), then the W3C Nu checker once over the raw HTML of every page they visited.
//
//   node --test all.test.js                      # everything (tests/browser/run does this)
//   JOURNEYS=check-in-link node --test all.test.js   # some journeys only (comma-separated)

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test, after } = require('node:test');
const { collected, resetOutput } = require('./lib/checker');
const { validate } = require('./lib/vnu');
const { selfTest } = require('./lib/selftest');
const { closeBrowser } = require('./lib/browser');
const { plainError } = require('./lib/harness');

resetOutput();
selfTest();

const dir = path.join(__dirname, 'journeys');
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
  require(path.join(dir, f));
}

after(closeBrowser);

test('html: every page visited passes the W3C Nu HTML checker', async (t) => {
  if (collected.length === 0) {
    t.skip('no page was visited');
    return;
  }
  const byFile = validate(collected.map((p) => p.file));
  for (const p of collected) {
    const messages = byFile.get(p.file) || [];
    if (p.expectHtmlErrors) {
      await t.test(`html ${p.name}: the checker's self-test page has errors`, () => {
        assert.ok(messages.some((m) => m.type === 'error'), `vnu found no error in ${p.file}, which has some on purpose`);
      });
      continue;
    }
    await t.test(`html ${p.name}`, (st) => {
      for (const m of messages.filter((m) => m.type !== 'error')) {
        st.diagnostic(`vnu ${m.type} ${p.name} line ${m.line}:${m.column}: ${m.message}`);
      }
      const errors = messages.filter((m) => m.type === 'error');
      if (errors.length) {
        throw plainError(
          `${p.name} (${p.url}, ${p.status}; body in ${path.relative(process.cwd(), p.file)}): ${errors.length} HTML error(s)\n  - ` +
          errors.map((m) => `vnu:error line ${m.line}:${m.column} ${m.message}${m.extract ? ` — ${JSON.stringify(m.extract.trim())}` : ''}`).join('\n  - '),
        );
      }
    });
  }
});
