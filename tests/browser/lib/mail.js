'use strict';
// Reading the `.eml` files the file transport writes into the outbox folder: headers (with
// RFC 2047 encoded words), multipart bodies, quoted-printable and base64 parts, charsets.
//
//   const mails = readOutbox(server.outboxDir);            // every email, oldest file first
//   const mail = await waitForMail(server.outboxDir, m => m.to.includes('anna@'));
//   mail.kind ('round_opened', ...), mail.to, mail.subject, mail.text, mail.html, checkInLinks(mail)

const fs = require('node:fs');
const path = require('node:path');

/** Splits a MIME entity into its unfolded headers (lower-case names) and its raw body. */
function splitEntity(raw) {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : '';
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return { headers, body };
}

/** `text/plain; charset="utf-8"` -> { type: 'text/plain', params: { charset: 'utf-8' } } */
function parseContentType(value) {
  const [type, ...rest] = (value || 'text/plain').split(';');
  const params = {};
  for (const p of rest) {
    const i = p.indexOf('=');
    if (i < 0) continue;
    params[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeQuotedPrintable(text) {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      // The raw text was read as latin1, so each char is one byte.
      bytes.push(c.charCodeAt(0) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(body, encoding) {
  switch ((encoding || '7bit').toLowerCase()) {
    case 'base64': return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable': return decodeQuotedPrintable(body);
    default: return Buffer.from(body, 'latin1');
  }
}

function charsetDecode(buf, charset) {
  const cs = (charset || 'utf-8').toLowerCase();
  try { return new TextDecoder(cs).decode(buf); } catch { return new TextDecoder('utf-8').decode(buf); }
}

/** Decodes RFC 2047 encoded words (=?utf-8?Q?...?= and =?utf-8?B?...?=) in a header. */
function decodeHeader(value) {
  if (!value) return '';
  return value
    .replace(/\?=\s+=\?/g, '?==?') // whitespace between two encoded words is not shown
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, cs, enc, text) => {
      const buf = enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : decodeQuotedPrintable(text.replace(/_/g, ' '));
      return charsetDecode(buf, cs);
    });
}

/** Collects the text/plain and text/html parts of an entity (walking multiparts). */
function walk(raw, out) {
  const { headers, body } = splitEntity(raw);
  const ct = parseContentType(headers['content-type']);
  if (ct.type.startsWith('multipart/') && ct.params.boundary) {
    const delimiter = `--${ct.params.boundary}`;
    const parts = body.split(delimiter).slice(1); // before the first delimiter: preamble
    for (const part of parts) {
      if (part.startsWith('--')) break; // the closing delimiter
      walk(part.replace(/^\r?\n/, ''), out);
    }
    return out;
  }
  const decoded = charsetDecode(decodeBody(body, headers['content-transfer-encoding']), ct.params.charset);
  if (ct.type === 'text/plain' && out.text === undefined) out.text = decoded;
  else if (ct.type === 'text/html' && out.html === undefined) out.html = decoded;
  return out;
}

/** Parses one email (the file's bytes). */
function parseEml(bytes) {
  const raw = Buffer.isBuffer(bytes) ? bytes.toString('latin1') : bytes;
  const { headers } = splitEntity(raw);
  const parts = walk(raw, {});
  return {
    headers,
    from: decodeHeader(headers.from),
    to: decodeHeader(headers.to),
    subject: decodeHeader(headers.subject),
    messageId: headers['message-id'],
    text: parts.text ?? '',
    html: parts.html ?? '',
  };
}

/**
 * Every `.eml` in the outbox folder, oldest first. The file transport names them
 * `{created_at:%Y%m%dT%H%M%S}-{outbox id:010}-{template}.eml` (src/mail/transport.rs), so the
 * name sorts by time and tells the email's kind (round_opened, due_soon, ...).
 */
function readOutbox(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => ({
      file: path.join(dir, f),
      kind: (/^[^-]+-\d+-(.+)\.eml$/.exec(f) || [])[1] || '',
      ...parseEml(fs.readFileSync(path.join(dir, f))),
    }));
}

/** Waits (up to `timeoutMs`) for an email matching `predicate` and returns the newest match. */
async function waitForMail(dir, predicate, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = readOutbox(dir).filter(predicate);
    if (found.length) return found[found.length - 1];
    if (Date.now() > deadline) {
      const seen = readOutbox(dir).map((m) => `${m.to}: ${m.subject}`).join('\n  ') || '(none)';
      throw new Error(`no matching email in ${dir} after ${timeoutMs} ms; emails there:\n  ${seen}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The check-in links (absolute URLs) in an email's text and HTML bodies, text first. */
function checkInLinks(mail) {
  const links = new Set();
  for (const m of mail.text.matchAll(/https?:\/\/[^\s<>"]+\/check-in\/[A-Za-z0-9_-]+/g)) links.add(m[0]);
  for (const m of mail.html.matchAll(/href="(https?:\/\/[^"]+\/check-in\/[A-Za-z0-9_-]+)"/g)) links.add(m[1].replace(/&amp;/g, '&'));
  return [...links];
}

module.exports = { parseEml, readOutbox, waitForMail, checkInLinks, decodeQuotedPrintable, decodeHeader };
