'use strict';
// The W3C Nu HTML checker (npm vnu-jar, run with the machine's Java) over every raw page body
// a run collected, in one batch so the JVM starts once.
//
//   const byFile = validate(files);  // Map file -> [{ type: 'error'|'warning'|'info', line, column, message, extract }]

const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const JAR = require.resolve('vnu-jar/build/dist/vnu.jar');

function validate(files) {
  const byFile = new Map(files.map((f) => [f, []]));
  if (files.length === 0) return byFile;
  const r = spawnSync('java', ['-Xss8m', '-jar', JAR, '--format', 'json', '--stdout', '--exit-zero-always', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  if (r.error) throw new Error(`could not run java -jar ${JAR}: ${r.error.message} (Java 17 is expected on this machine)`);
  if (r.status !== 0) throw new Error(`vnu exited ${r.status}:\n${r.stderr}\n${r.stdout}`);
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch (e) {
    throw new Error(`vnu printed no JSON (${e.message}):\n${r.stdout}\n${r.stderr}`);
  }
  const byUrl = new Map(files.map((f) => [pathToFileURL(path.resolve(f)).href, f]));
  for (const m of report.messages || []) {
    // vnu writes file:/abs/path (one slash); normalise to file:///abs/path.
    const url = (m.url || '').replace(/^file:\/(?!\/)/, 'file:///');
    const file = byUrl.get(url);
    const type = m.type === 'info' && m.subType === 'warning' ? 'warning' : m.type === 'non-document-error' ? 'error' : m.type;
    const entry = { type, line: m.lastLine ?? m.firstLine, column: m.firstColumn ?? m.lastColumn, message: m.message, extract: m.extract };
    if (file) byFile.get(file).push(entry);
    else for (const list of byFile.values()) list.push({ ...entry, message: `${m.url || '(no file)'}: ${m.message}` });
  }
  return byFile;
}

module.exports = { validate, JAR };
