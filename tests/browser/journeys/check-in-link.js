'use strict';
// A city's contact opens the emailed check-in link and submits, with JavaScript off:
// a mistake first (progress 150), then a draft, then the submission; the link afterwards says
// it is done, and a forged link gets the friendly "not found" page.
//
// Fields are found by their `name` (what the server reads back, e.g. a<action id>_progress) and
// buttons by their accessible name, so the journey survives template rewrites that keep the
// form's contract.

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { journey } = require('../lib/harness');
const { checkInLinks } = require('../lib/mail');

journey('check-in-link', async (j) => {
  const { page, seed } = j;
  const world = await seed.cityWithPlan({ city: { name: 'Malmö', country: 'SE' }, actions: ['SP1', 'EM1'] });
  const [cafes, panels] = world.actions;
  const { link, mail } = await seed.openRoundNow(world.contact.email);
  assert.deepEqual(checkInLinks(mail), [link], 'the text and HTML bodies of the email carry the same one link');

  const field = (name) => page.locator(`[name="${name}"]`);
  const h1 = async () => (await page.locator('h1').first().textContent()).replace(/\s+/g, ' ').trim();
  const submit = () => page.getByRole('button', { name: /submit/i }).click();
  const saveDraft = () => page.getByRole('button', { name: /draft/i }).click();

  // 1. The form, as the email's link opens it.
  await j.visit('form', () => page.goto(link), { status: 200 });
  assert.match(await h1(), /Malmö/, 'the form is headed with the city');
  for (const a of [cafes, panels]) {
    assert.ok(await page.getByText(a.title).count(), `the form lists the action "${a.title}"`);
  }
  assert.equal(await field(`a${cafes.id}_progress`).inputValue(), String(cafes.progress), 'progress starts at the action\'s current value');

  // 2. A mistake: progress 150. The form comes back with an error summary that links to the
  // field, the message beside it, and what was typed kept.
  await field(`a${cafes.id}_progress`).fill('150');
  await field(`a${cafes.id}_narrative`).fill('Twelve cafés now run weekly in four libraries.');
  await j.visit('error', submit, { status: 422 });
  assert.match(await page.title(), /^Error: /, 'the title starts with "Error: " so screen reader users hear it first');
  assert.equal(await field(`a${cafes.id}_progress`).inputValue(), '150', 'the wrong value is kept');
  assert.equal(await field(`a${cafes.id}_narrative`).inputValue(), 'Twelve cafés now run weekly in four libraries.', 'the narrative typed is kept');
  const progressId = await field(`a${cafes.id}_progress`).getAttribute('id');
  assert.ok(progressId, 'the progress input has an id (for its label and the error summary)');
  const summaryLink = page.locator(`a[href="#${progressId}"]`);
  assert.equal(await summaryLink.count(), 1, `one link to #${progressId} (the error summary's)`);
  assert.match(await summaryLink.textContent(), new RegExp(cafes.title), 'the summary names the action');
  const beforeForm = await page.evaluate((id) => {
    const a = document.querySelector(`a[href="#${id}"]`);
    return !!(a.compareDocumentPosition(document.querySelector('form')) & Node.DOCUMENT_POSITION_FOLLOWING);
  }, progressId);
  assert.ok(beforeForm, 'the error summary comes before the form');
  const describedBy = await field(`a${cafes.id}_progress`).getAttribute('aria-describedby');
  assert.ok(describedBy, 'the field with the error points at its message (aria-describedby)');
  const message = await page.locator(`[id="${describedBy.split(/\s+/)[0]}"]`).textContent();
  assert.match(message, /Enter progress as a number from 0 to 100/, 'the message beside the field says what to do, in plain words');
  // Following the summary's link (no script) lands on the field.
  await summaryLink.click();
  assert.equal(new URL(page.url()).hash, `#${progressId}`);
  assert.ok(await field(`a${cafes.id}_progress`).isVisible());

  // 3. Corrected, with a self-assessment, saved as a draft.
  await field(`a${cafes.id}_progress`).fill('60');
  await page.locator('[name="c_SP1_level"][value="substantial"]').check();
  await j.visit('draft-saved', saveDraft, { status: 200 });
  assert.doesNotMatch(await page.title(), /^Error/);
  assert.match(await page.locator('body').textContent(), /draft has been saved/i, 'a banner says the draft is saved');
  assert.equal(await field(`a${cafes.id}_progress`).inputValue(), '60');

  // 4. The link again, later: the draft is there.
  await j.visit('draft-reopened', () => page.goto(link), { status: 200 });
  assert.equal(await field(`a${cafes.id}_progress`).inputValue(), '60', 'the draft\'s progress is shown');
  assert.equal(await field(`a${cafes.id}_narrative`).inputValue(), 'Twelve cafés now run weekly in four libraries.');
  assert.ok(await page.locator('[name="c_SP1_level"][value="substantial"]').isChecked(), 'the draft\'s self-assessment is shown');

  // 5. Submitted: the confirmation page.
  await j.visit('submitted', submit, { status: 200 });
  assert.match(await h1(), /submitted/i);
  assert.equal(await page.locator('form').count(), 0, 'no form on the confirmation page');
  const action = await seed.api('GET', `/api/v1/actions/${cafes.id}`);
  assert.equal(action.progress, 60, 'the action\'s progress is updated');
  const [checkIn] = await seed.api('GET', `/api/v1/cities/${world.city.id}/check-ins`);
  assert.equal(checkIn.state, 'submitted');

  // 6. The link once more: done, no form.
  await j.visit('link-after-submit', () => page.goto(link), { status: 200 });
  assert.match(await h1(), /submitted/i, 'the link says the check-in is done');
  assert.equal(await page.locator('form').count(), 0);

  // 7. A forged link: the friendly "not found" page, not an error document.
  const forged = link.replace(/[^/]+$/, crypto.randomBytes(24).toString('base64url'));
  const notFound = await j.visit('forged-link', () => page.goto(forged), { status: 404 });
  assert.match(notFound.headers['content-type'], /^text\/html/);
  assert.match(await h1(), /link/i, 'the page says the link does not work');
});
