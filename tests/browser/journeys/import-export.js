'use strict';
// The secretariat imports a file of cities from the empty network page: the file has a mistake,
// the preview says where, the corrected file previews clean and is imported. A city's editor
// imports their plan's actions; both see the export page; a visitor reaches the open data from
// the home page. JavaScript is off throughout.

const assert = require('node:assert/strict');
const { journey } = require('../lib/harness');

journey('import-export', async (j) => {
  const { page, seed } = j;
  const text = async (sel) => (await page.locator(sel).first().textContent()).replace(/\s+/g, ' ').trim();
  const button = (name) => page.getByRole('button', { name });
  const file = (name, body) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(body, 'utf8') });

  const sec = seed.user({ email: 'head@network.example', role: 'secretariat' });
  await j.visit('sign-in', () => page.goto(`${j.url}/login`), { status: 200 });
  await page.getByLabel('Email address').fill(sec.email);
  await page.getByLabel('Password').fill(sec.password);
  await j.visit('network-empty', () => button('Sign in').click(), { status: 200 });
  await j.visit('import-cities', () => page.getByRole('link', { name: 'Import a file' }).click(), { status: 200 });

  // A country that is no ISO code: the preview lists it and saves nothing.
  await page.getByLabel('The file', { exact: true }).setInputFiles(file('cities.csv', 'name,country,contact_name,contact_email\nMalmö,SWE,Anna Berg,anna@malmo.example\n'));
  await j.visit('preview-mistakes', () => button('Preview the import').click(), { status: 422 });
  assert.match(await text('table'), /SWE/);
  assert.equal(await button('Import these rows').count(), 0);

  await page.getByLabel('The file', { exact: true }).setInputFiles(file('cities.csv', 'name,country,contact_name,contact_email\nMalmö,SE,Anna Berg,anna@malmo.example\n'));
  await j.visit('preview-clean', () => button('Preview the import').click(), { status: 200 });
  assert.match(await text('.lead'), /2 new/);
  await j.visit('imported', () => button('Import these rows').click(), { status: 200 });
  assert.match(await text('main'), /Import complete/);
  const cities = await seed.api('GET', '/api/v1/cities');
  assert.equal(cities.items.length, 1);
  await j.visit('export', () => page.goto(`${j.url}/export`), { status: 200 });
  await j.visit('signed-out', () => button('Sign out').click(), { status: 200 });

  // The city's editor imports their plan's actions.
  const city = cities.items[0];
  const plan = await seed.plan(city.id);
  const officer = seed.user({ email: 'officer@malmo.example', role: 'city-editor', city: city.id });
  await page.getByLabel('Email address').fill(officer.email);
  await page.getByLabel('Password').fill(officer.password);
  await j.visit('city', () => button('Sign in').click(), { status: 200 });
  await j.visit('import-actions', () => page.getByRole('link', { name: /^Import actions from a file/ }).click(), { status: 200 });
  await page.getByLabel('The file', { exact: true }).setInputFiles(file('plan.csv', 'commitment,title,due_date,progress\nSP1,Language cafés,31/12/2026,30%\nEM1,Diverse recruitment,2027-06-30,0.5\n'));
  await j.visit('actions-preview', () => button('Preview the import').click(), { status: 200 });
  await j.visit('actions-imported', () => button('Import these rows').click(), { status: 200 });
  const actions = await seed.api('GET', `/api/v1/plans/${plan.id}/actions`);
  assert.equal(actions.items.length, 2);
  await j.visit('signed-out-editor', () => button('Sign out').click(), { status: 200 });

  // Anyone: the open data, from the home page.
  await j.visit('home', () => page.goto(`${j.url}/`), { status: 200 });
  await j.visit('open-data', () => page.getByRole('link', { name: 'Download the open data' }).click(), { status: 200 });
  assert.match(await text('main'), /CC-BY-4.0/);
});
