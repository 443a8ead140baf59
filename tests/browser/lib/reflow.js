'use strict';
// The reflow check (WCAG 1.4.10), run by the page checker on every page, JavaScript on, as an
// outside audit runs it:
//
//   320        a 320 x 640 CSS px viewport (a phone; also what 1280 px at 400 % zoom lays out)
//   zoom-200   a 1280 x 800 window at 200 % zoom: Chromium lays that out in 640 x 400 CSS px
//              with a device scale factor of 2, which is what this context does
//
// In each, the replayed page (the very bytes the JavaScript-off journey got, see checker.js)
// fails on:
//   reflow:page-scrolls-sideways   the document is wider than the viewport (scrollWidth >
//                                  clientWidth); the elements sticking out are named
//   reflow:cut-off                 an element or a run of text reaches beyond the box that clips
//                                  it (overflow hidden or clip), so part of it cannot be seen
//   reflow:scroll-not-focusable    it reaches beyond a box that scrolls (overflow auto or
//                                  scroll), but that box is not a focusable, named region
//                                  (tabindex="0", role="region" and a label), so a keyboard
//                                  user cannot scroll it and a screen reader does not announce it
//
// Which box clips an element follows CSS: a box clips its descendants only when it is on their
// containing-block chain, so an absolutely positioned span escapes an `overflow: auto` wrapper
// that is not positioned (and widens the page, the bug this check was written for). Visually
// hidden content (1 x 1 px, clipped on purpose) is not "cut off".

const VIEWPORTS = {
  '320': { viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
  'zoom-200': { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
};

/** Runs in the page: the overflow problems, as { rule, element, message }. */
function inPage() {
  const vw = document.documentElement.clientWidth;
  const problems = [];
  const describe = (el) => {
    if (!el || el.nodeType !== 1) return String(el);
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    if (typeof el.className === 'string' && el.className.trim()) s += `.${el.className.trim().split(/\s+/).join('.')}`;
    const parent = el.parentElement;
    const chain = [];
    for (let p = parent, i = 0; p && p !== document.body && i < 3; p = p.parentElement, i++) {
      let d = p.tagName.toLowerCase();
      if (p.id) d += `#${p.id}`;
      else if (typeof p.className === 'string' && p.className.trim()) d += `.${p.className.trim().split(/\s+/)[0]}`;
      chain.unshift(d);
    }
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50);
    return `${chain.length ? `${chain.join(' > ')} > ` : ''}${s}${text ? ` "${text}"` : ''}`;
  };
  const style = (el) => getComputedStyle(el);
  const hiddenOnPurpose = (el) => {
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const cs = style(e);
      if (cs.display === 'none' || cs.visibility === 'hidden') return true;
      const r = e.getBoundingClientRect();
      const clipped = cs.clip === 'rect(0px, 0px, 0px, 0px)' || cs.clipPath === 'inset(50%)';
      if ((r.width <= 1 && r.height <= 1 && cs.overflow !== 'visible') || (clipped && cs.position === 'absolute')) return true;
    }
    return false;
  };
  // The box that clips `el` (overflow-x not visible, on its containing-block chain), or null
  // for the viewport.
  const clipper = (el) => {
    let pos = style(el).position;
    for (let n = el.parentElement; n && n !== document.body && n !== document.documentElement; n = n.parentElement) {
      const cs = style(n);
      const contains = pos === 'fixed' ? cs.transform !== 'none'
        : pos === 'absolute' ? cs.position !== 'static' || cs.transform !== 'none'
          : true;
      if (!contains) continue;
      if (cs.overflowX !== 'visible') return n;
      pos = cs.position;
    }
    return null;
  };
  const scrolls = (box) => ['auto', 'scroll'].includes(style(box).overflowX);
  const focusableRegion = (box) => box.hasAttribute('tabindex') && box.tabIndex >= 0
    && box.getAttribute('role') === 'region' && (box.hasAttribute('aria-label') || box.hasAttribute('aria-labelledby'));

  // Candidates: every element, and every run of text whose element's content overflows it.
  const items = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (['SCRIPT', 'STYLE', 'TEMPLATE', 'OPTION', 'BR'].includes(el.tagName)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    items.push({ node: el, el, rect: r });
    if (el.scrollWidth > el.clientWidth + 1 || r.right > vw + 1) {
      for (const t of el.childNodes) {
        if (t.nodeType !== 3 || !t.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(t);
        const tr = range.getBoundingClientRect();
        if (tr.width > 0) items.push({ node: t, el, rect: tr, text: true });
      }
    }
  }

  const reported = new Set();
  const sticking = [];
  for (const it of items) {
    const box = it.text ? (style(it.el).overflowX !== 'visible' ? it.el : clipper(it.el)) : clipper(it.el);
    const right = it.rect.right;
    const left = it.rect.left;
    if (!box) {
      // Only the right edge: content off to the left (a skip link parked at -9999px until it
      // is focused) cannot be scrolled to, and is there on purpose.
      if (right > vw + 1) sticking.push(it);
      continue;
    }
    const b = box.getBoundingClientRect();
    const visLeft = b.left + box.clientLeft;
    const visRight = visLeft + box.clientWidth;
    // Positions are measured with the box scrolled to its start.
    if (right <= visRight + 1 + box.scrollLeft && left >= visLeft - 1 - box.scrollLeft) continue;
    if (hiddenOnPurpose(it.el)) continue;
    if (reported.has(box)) continue;
    if (scrolls(box)) {
      if (focusableRegion(box)) continue;
      reported.add(box);
      problems.push({ rule: 'reflow:scroll-not-focusable', element: describe(box),
        message: `scrolls sideways (${box.scrollWidth} px of content in ${box.clientWidth} px) but is not a focusable, named region (tabindex="0", role="region", aria-label or aria-labelledby): ${describe(it.el)}${it.text ? ' (its text)' : ''} is out of sight` });
    } else {
      reported.add(box);
      problems.push({ rule: 'reflow:cut-off', element: describe(box),
        message: `clips ${describe(it.el)}${it.text ? ' (its text)' : ''}: it reaches ${Math.round(Math.max(right - visRight, visLeft - left))} px beyond the box, which cannot be scrolled` });
    }
  }

  const page = document.documentElement.scrollWidth;
  if (page > vw + 1 || sticking.length) {
    // The outermost elements that stick out: those without an ancestor that sticks out too.
    const set = new Set(sticking.map((s) => s.node));
    const outer = sticking.filter((s) => {
      if (hiddenOnPurpose(s.el) && !s.text) return !(s.el.parentElement && set.has(s.el.parentElement));
      for (let p = s.text ? s.el : s.el.parentElement; p; p = p.parentElement) if (set.has(p) && !(s.text && p === s.el)) return false;
      return true;
    });
    const named = outer.slice(0, 6).map((s) => `${describe(s.el)}${s.text ? ' (its text)' : ''} [${Math.round(s.rect.left)}..${Math.round(s.rect.right)} px]`);
    if (page > vw + 1) {
      problems.push({ rule: 'reflow:page-scrolls-sideways', element: `${page} px wide in a ${vw} px viewport`,
        message: `the page scrolls sideways; sticking out: ${named.join('; ') || '(no element found)'}${outer.length > 6 ? ` and ${outer.length - 6} more` : ''}` });
    } else if (named.length) {
      problems.push({ rule: 'reflow:cut-off', element: `${vw} px viewport`,
        message: `content reaches beyond the viewport and cannot be scrolled to: ${named.join('; ')}` });
    }
  }
  return problems;
}

/**
 * The reflow check of one replayed document in both viewports. `contexts`: { '320': ctx,
 * 'zoom-200': ctx }, JS-on browser contexts (see VIEWPORTS); `replay(page)` loads the document.
 * Returns [{ rule, element, message }], each message prefixed with its viewport.
 */
async function checkReflow(contexts, replay) {
  const problems = [];
  for (const [label, context] of Object.entries(contexts)) {
    const page = await context.newPage();
    try {
      await page.setViewportSize(VIEWPORTS[label].viewport);
      await replay(page);
      for (const p of await page.evaluate(inPage)) problems.push({ ...p, message: `at ${label}: ${p.message}` });
    } finally {
      await page.close();
    }
  }
  return problems;
}

/** The JS-on contexts for the reflow check (close them with closeReflowContexts). */
async function reflowContexts(browser, options = {}) {
  const out = {};
  for (const [label, v] of Object.entries(VIEWPORTS)) {
    out[label] = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true, locale: 'en-GB', ...options, ...v });
  }
  return out;
}

async function closeReflowContexts(contexts) {
  for (const c of Object.values(contexts || {})) await c.close();
}

module.exports = { checkReflow, reflowContexts, closeReflowContexts, VIEWPORTS };
