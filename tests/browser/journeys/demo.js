'use strict';
// The demo network, with JavaScript off: `charter-tracker demo` fills the server's empty
// database (about forty cities, fifteen months of check-ins, a published report); the
// secretariat, a city editor and an observer sign in with the accounts it printed and walk the
// main pages; the public reads the published report. Every page passes the page checker (axe,
// Nu, 320 px and 200 % zoom) with a network of realistic size, names with diacritics included.

const assert = require('node:assert/strict');
const { journey } = require('../lib/harness');

journey('demo', async (j) => {
  const { page } = j;
  const button = (name) => page.getByRole('button', { name });
  const nav = (name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

  const printed = j.server.cli(['demo']);
  assert.match(printed, /Demo network loaded: \d+ cities/);
  const account = (who) => {
    const line = printed.split('\n').find((l) => l.trim().startsWith(who));
    assert.ok(line, `the demo printed an account for ${who}:\n${printed}`);
    const [, email, password] = line.match(/(\S+@\S+)\s+password: (\S+)/);
    return { email, password };
  };
  const signIn = async (step, who) => {
    const a = account(who);
    await page.goto(`${j.url}/login`);
    await page.getByLabel('Email address').fill(a.email);
    await page.getByLabel('Password').fill(a.password);
    return j.visit(step, () => button('Sign in').click(), { status: 200 });
  };
  const signOut = async (step) => {
    await page.goto(`${j.url}/logout`);
    await j.visit(step, () => page.locator('main').getByRole('button', { name: 'Sign out' }).click(), { status: 200 });
  };

  // The secretariat: the network, a city, the rounds and one round, the review queue, reports.
  await signIn('secretariat-network', 'secretariat');
  assert.ok((await page.locator('table.matrix tbody tr').count()) >= 30, 'the network lists the demo cities');
  await j.visit('city', () => page.locator('table.matrix tbody tr th a').first().click(), { status: 200 });
  await j.visit('rounds', () => nav('Check-ins').click(), { status: 200 });
  await j.visit('round', () => page.locator('main table tbody tr th a').first().click(), { status: 200 });
  await j.visit('reviews', () => nav('Reviews').click(), { status: 200 });
  await j.visit('reports', () => nav('Reports').click(), { status: 200 });
  await j.visit('outbox', () => page.goto(`${j.url}/outbox`), { status: 200 });
  await signOut('signed-out-secretariat');

  // A city editor on their city's page, its check-ins and the verification page.
  const editor = await signIn('editor-city', 'city editor of');
  const cityPath = new URL(editor.url).pathname;
  assert.match(cityPath, /^\/cities\/\d+$/);
  await j.visit('editor-check-ins', () => page.goto(`${j.url}${cityPath}/check-ins`), { status: 200 });
  await j.visit('editor-verification', () => page.goto(`${j.url}${cityPath}/verification`), { status: 200 });
  await signOut('signed-out-editor');

  // An observer on the network; the public on the published report.
  await signIn('observer-network', 'observer');
  await signOut('signed-out-observer');
  await j.visit('public-reports', () => page.goto(`${j.url}/reports`), { status: 200 });
  await j.visit('public-report', () => page.locator('main a[href^="/reports/"]').first().click(), { status: 200 });
}, { timeout: 300_000 });
