'use strict';
// The server fixture: the real `charter-tracker serve` binary in a fresh temporary working
// directory, configured by environment variables only, plus the CLI and the JSON API run
// against the same database.
//
//   const server = await startServer();          // waits for /healthz
//   server.url                                   // http://127.0.0.1:<port>
//   server.cli(['token', 'issue', '--email', e])  // same env and working directory; returns stdout
//   await server.api('POST', '/api/v1/cities', body, token)  // parsed JSON, throws on 4xx/5xx
//   await server.stop();                          // also removes the temporary folder

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..', '..');
const BINARY = process.env.CHARTER_TRACKER_BIN || path.join(REPO, 'target', 'debug', 'charter-tracker');

/** A port nobody listens on right now (the OS picks it; we release it for the server). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the binary. Options:
 *   scheduler: false (default) runs `serve --no-scheduler`, so rounds open only when a test
 *              runs `server.cli(['tick'])`: the journey decides when time moves, and a
 *              scheduler pass of the server cannot race it. Pass true for the built-in one.
 *   env:       extra environment variables (e.g. other CHARTER_TRACKER__... keys).
 */
async function startServer(options = {}) {
  if (!fs.existsSync(BINARY)) {
    throw new Error(`${BINARY} is missing: run \`cargo build --bin charter-tracker\` (tests/browser/run does)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-tracker-browser-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    // Only what the binary needs from the caller's environment: no RUST_LOG, DATABASE_URL or
    // CHARTER_TRACKER_* of the developer's shell leaks into the test.
    PATH: process.env.PATH,
    HOME: process.env.HOME || dir,
    TZ: 'UTC',
    NO_COLOR: '1',
    CHARTER_TRACKER_ENV: 'local',
    DATABASE_URL: `sqlite://${path.join(dir, 'charter-tracker.db')}`,
    CHARTER_TRACKER__SERVER__PUBLIC_URL: url, // links in emails point at this server
    CHARTER_TRACKER__SERVER__WORKERS: '2',
    // The pseudo-language en-XA, for the check that finds text outside the message files
    // (lib/languages.js); people are never offered it.
    CHARTER_TRACKER__NETWORK__PSEUDO_LANGUAGE: 'true',
    CHARTER_TRACKER__DATABASE__POOL_SIZE: '4',
    CHARTER_TRACKER__MAIL__TRANSPORT: 'file',
    CHARTER_TRACKER__MAIL__OUTBOX_DIR: path.join(dir, 'outbox'),
    CHARTER_TRACKER__MAIL__POLL_SECONDS: '1',
    CHARTER_TRACKER__LOG__FILTER: 'info',
    ...(options.env || {}),
  };
  const args = ['serve', '--bind', `127.0.0.1:${port}`];
  if (!options.scheduler) args.push('--no-scheduler');
  const logPath = path.join(dir, 'server.log');
  const log = fs.openSync(logPath, 'a');
  const child = spawn(BINARY, args, { cwd: dir, env, stdio: ['ignore', log, log] });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const server = {
    url,
    port,
    dir,
    env,
    outboxDir: env.CHARTER_TRACKER__MAIL__OUTBOX_DIR,
    logPath,
    /** The server's log so far (for failure messages). */
    log() {
      try { return fs.readFileSync(logPath, 'utf8').replace(/\x1b\[[0-9;]*m/g, ''); } catch { return ''; }
    },
    /** Runs the CLI with the server's environment and working directory; returns stdout. */
    cli(cliArgs, { input } = {}) {
      const r = spawnSync(BINARY, cliArgs, { cwd: dir, env, input: input ?? '', encoding: 'utf8', timeout: 60_000 });
      if (r.error) throw r.error;
      if (r.status !== 0) {
        throw new Error(`charter-tracker ${cliArgs.join(' ')} exited ${r.status}\n${r.stderr}${r.stdout}`);
      }
      return r.stdout;
    },
    /**
     * A JSON API call. Returns the parsed body (null when empty); a status outside 2xx
     * throws with the problem document, unless `expect` names the status wanted.
     */
    async api(method, apiPath, body, token, { expect } = {}) {
      const headers = { accept: 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined && body !== null) headers['content-type'] = 'application/json';
      const res = await fetch(url + apiPath, { method, headers, body: body == null ? undefined : JSON.stringify(body) });
      const text = await res.text();
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch { json = text; }
      const ok = expect ? res.status === expect : res.status >= 200 && res.status < 300;
      if (!ok) {
        throw new Error(`${method} ${apiPath} answered ${res.status}${expect ? ` (expected ${expect})` : ''}: ${text}`);
      }
      return json;
    },
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM');
        for (let i = 0; i < 100 && exited === null; i++) await sleep(50);
        if (exited === null) child.kill('SIGKILL');
      }
      fs.closeSync(log);
      if (!process.env.BROWSER_TESTS_KEEP) fs.rmSync(dir, { recursive: true, force: true });
      else console.log(`# kept the server's folder: ${dir}`);
    },
  };

  // Wait for /healthz (the server migrates and loads the charters first).
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) {
      throw new Error(`charter-tracker serve exited (${JSON.stringify(exited)}) before answering /healthz:\n${server.log()}`);
    }
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`charter-tracker serve did not answer /healthz within 60 s:\n${server.log()}`);
    }
    await sleep(100);
  }
  return server;
}

module.exports = { startServer, freePort, REPO, BINARY };
