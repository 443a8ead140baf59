'use strict';
// A mayor's office officer signs in, starts the city's action plan, adds an action (first
// with mistakes), opens it, changes its progress and signs out; the secretariat signs in and
// sees the city in the network overview. JavaScript is off throughout.

const assert = require('node:assert/strict');
const { journey } = require('../lib/harness');

journey('mayor-office', async (j) => {
  const { page, seed } = j;
  const city = await seed.city({ name: 'Malmö', country: 'SE', signatures: [{ framework: 'eurocities-integrating-cities', signed_on: '2010-03-10' }] });
  const officer = seed.user({ email: 'officer@malmo.example', role: 'city-editor', city: city.id });
  const text = async (sel) => (await page.locator(sel).first().textContent()).replace(/\s+/g, ' ').trim();
  const button = (name) => page.getByRole('button', { name });

  // Sign in: the officer lands on their city's page.
  await j.visit('sign-in', () => page.goto(`${j.url}/login`), { status: 200 });
  await page.getByLabel('Email address').fill(officer.email);
  await page.getByLabel('Password').fill('not the password');
  await j.visit('sign-in-failed', () => button('Sign in').click(), { status: 401 });
  assert.match(await text('.error-summary'), /not right/);
  assert.equal(await page.getByLabel('Email address').inputValue(), officer.email, 'the email typed is kept');
  await page.getByLabel('Password').fill(officer.password);
  await j.visit('city-empty', () => button('Sign in').click(), { status: 200 });
  assert.equal(new URL(page.url()).pathname, `/cities/${city.id}`);
  assert.match(await text('main'), /Malmö has no action plan yet/);

  // Start the plan.
  await j.visit('plan-form', () => page.getByRole('link', { name: 'Start a new action plan' }).click(), { status: 200 });
  await page.getByLabel('Title').fill('Malmö integration plan 2026–2028');
  await j.fillDate('Start of the period', '2026-01-01');
  await j.fillDate('End of the period', '2028-12-31');
  await page.getByLabel('Adopted', { exact: true }).check();
  await j.visit('plan-created', () => button('Create the plan').click(), { status: 200 });
  assert.match(await text('.banner'), /Plan “Malmö integration plan 2026–2028” created/);
  assert.match(await text('.plan'), /0 of 15 commitments have at least one action/);

  // Add an action: mistakes first, then right.
  await j.visit('action-form', () => page.getByRole('link', { name: /^Add an action/ }).click(), { status: 200 });
  await page.getByLabel('Commitment', { exact: true }).selectOption('SP1');
  await page.getByLabel('Progress, in percent').fill('150');
  await page.getByLabel('Partners (optional)').fill('City libraries\nRed Cross');
  await j.visit('action-errors', () => button('Add the action').click(), { status: 422 });
  assert.match(await page.title(), /^Error: /);
  const summary = await page.locator('.error-summary a').allTextContents();
  assert.deepEqual(summary, ['Enter a title', 'Enter progress as a number from 0 to 100'], 'the summary lists the mistakes in plain words, in the form\'s order');
  assert.equal(await page.getByLabel('Partners (optional)').inputValue(), 'City libraries\nRed Cross', 'input is kept');
  await page.getByLabel('Title').fill('Language cafés in public libraries');
  await page.getByLabel('Progress, in percent').fill('20');
  await page.getByLabel('Language learning').check();
  await page.getByLabel('The city advocates it with those who provide it').check();
  await j.visit('action-added', () => button('Add the action').click(), { status: 200 });
  assert.match(await text('.banner'), /Action “Language cafés in public libraries” added under SP1/);
  assert.match(await text('.plan'), /1 of 15 commitments/);

  // Open it, change its progress, see the history.
  await j.visit('action', () => page.getByRole('link', { name: 'Language cafés in public libraries' }).click(), { status: 200 });
  await j.visit('action-edit', () => page.getByRole('link', { name: 'Change the action' }).click(), { status: 200 });
  await page.getByLabel('Progress, in percent').fill('45');
  await j.visit('action-saved', () => button('Save the changes').click(), { status: 200 });
  assert.match(await text('.banner'), /Your changes have been saved/);
  assert.match(await text('ol.history'), /Progress: from “20” to “45”/);
  const stored = await seed.api('GET', `/api/v1/plans/${(await seed.api('GET', `/api/v1/cities/${city.id}/plans`)).items[0].id}/actions`);
  assert.equal(stored.items[0].progress, 45);
  assert.deepEqual(stored.items[0].partners, ['City libraries', 'Red Cross']);
  assert.equal(stored.items[0].delivery, 'advocacy');

  await j.visit('signed-out', () => button('Sign out').click(), { status: 200 });
  assert.match(await text('.banner'), /You have signed out/);

  // The secretariat sees Malmö in the network overview.
  const sec = seed.user({ email: 'head@network.example', role: 'secretariat' });
  await page.getByLabel('Email address').fill(sec.email);
  await page.getByLabel('Password').fill(sec.password);
  await j.visit('network', () => button('Sign in').click(), { status: 200 });
  assert.equal(new URL(page.url()).pathname, '/network');
  assert.match(await text('table.matrix tbody tr'), /^Malmö\s*None 0 of 3\s*Some 1 of 2/);
});
