'use strict';
// Debian's Chromium (/usr/bin/chromium), driven by playwright-core. Never a browser that a
// test tool downloads: this machine's network reaches package registries only.

const { chromium } = require('playwright-core');
const fs = require('node:fs');

const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';

// The flags from the machine notes (/work/.library/env/machines/rust-svc.md). Without the
// background-networking ones Chromium keeps trying to reach Google's hosts, which this
// machine's closed network refuses. --no-sandbox: we run as root; Playwright adds it itself
// (chromiumSandbox defaults to false), listed here so the set is complete.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let shared = null;

/**
 * One browser per test process, launched on first use. Playwright's launch() always starts
 * Chromium with a new empty --user-data-dir of its own (a fresh temporary folder it deletes on
 * close); it refuses a --user-data-dir in `args` (that is launchPersistentContext's job, which
 * would give us a single context, and we need two: JavaScript off and on).
 */
async function browser() {
  if (!shared) {
    if (!fs.existsSync(EXECUTABLE)) {
      throw new Error(`${EXECUTABLE} is missing: install Debian's chromium (tests/browser/run does: apt-get install -y chromium)`);
    }
    shared = chromium.launch({ executablePath: EXECUTABLE, headless: true, args: FLAGS, timeout: 60_000 });
  }
  return shared;
}

async function closeBrowser() {
  if (shared) {
    const b = await shared.catch(() => null);
    shared = null;
    if (b) await b.close();
  }
}

module.exports = { browser, closeBrowser, EXECUTABLE, FLAGS };
