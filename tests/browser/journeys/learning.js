'use strict';
// Mutual learning, with JavaScript off: the public searches the network's actions for
// "language café", narrows by role and country, and opens a good practice from the library; a
// city editor sees "Learn from" for a commitment the city has not covered and follows it to
// another city's action; the secretariat forms a review pair from the pairing view, records a
// peer review with two recommendations; the host accepts one and turns it into an action; the
// next draft report shows it. Every page passes the page checker (axe, Nu, 320 px and 200 %).

const assert = require('node:assert/strict');
const { journey } = require('../lib/harness');

journey('learning', async (j) => {
  const { page, seed } = j;
  const button = (name) => page.getByRole('button', { name });
  const link = (name) => page.getByRole('link', { name });
  const nav = (name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  const text = async (sel) => (await page.locator(sel).first().textContent()).replace(/\s+/g, ' ').trim();
  const signIn = async (step, user) => {
    await page.goto(`${j.url}/login`);
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    return j.visit(step, () => button('Sign in').click(), { status: 200 });
  };
  const signOut = async (step) => {
    await page.goto(`${j.url}/logout`);
    await j.visit(step, () => page.locator('main').getByRole('button', { name: 'Sign out' }).click(), { status: 200 });
  };

  // Three cities: Łódź (public) runs language cafés and has finished them; Porto (public) has
  // started its own; Malmö (private) has a newcomers' council but nothing on SP1 yet.
  const lodz = await seed.city({ name: 'Łódź', country: 'PL', public: true });
  const porto = await seed.city({ name: 'Porto', country: 'PT', public: true });
  const malmo = await seed.city({ name: 'Malmö', country: 'SE' });
  const [pl, pp, pm] = [await seed.plan(lodz.id), await seed.plan(porto.id), await seed.plan(malmo.id)];
  const cafe = await seed.action(pl.id, {
    commitment: 'SP1', title: 'Language café for newcomers', status: 'completed', progress: 100,
    description: 'Volunteers meet newcomers every week in four public libraries to practise Polish.',
    policy_areas: ['language_learning'],
  });
  await seed.action(pp.id, { commitment: 'SP1', title: 'Language cafés with volunteers', status: 'in_progress', progress: 40, policy_areas: ['language_learning'] });
  await seed.action(pp.id, { commitment: 'EM1', title: 'Traineeships in city departments', status: 'planned', progress: 0 });
  await seed.action(pm.id, { commitment: 'PM1', title: 'Newcomers’ advisory council', status: 'completed', progress: 100 });
  // The network published Łódź's café as good practice.
  const report = await seed.api('POST', '/api/v1/reports', { framework: 'eurocities-integrating-cities', from: '2026-01-01', to: '2026-12-31' });
  const reportId = report.compiled.report_id;
  await seed.api('PUT', `/api/v1/reports/${reportId}/good-practices/${cafe.id}`);
  await seed.api('POST', `/api/v1/reports/${reportId}/publish`, {});

  // 1. The public searches, narrows by role and country, and opens the good practice.
  await j.visit('search', () => page.goto(`${j.url}/actions`), { status: 200 });
  await page.getByLabel('Words to search for').fill('language café');
  await j.visit('searched', () => button('Search').click(), { status: 200 });
  assert.match(await text('#results-heading'), /1 to 2 of 2 actions/);
  await j.visit('by-role', () => page.locator('#facet-role + ul').getByRole('link', { name: 'Service provider' }).click(), { status: 200 });
  await j.visit('by-country', () => page.locator('#facet-country + ul').getByRole('link', { name: 'PL' }).click(), { status: 200 });
  assert.match(await text('#results-heading'), /1 to 1 of 1 action\b/);
  assert.match(await text('.result-list'), /Language café for newcomers.*Łódź.*Good practice/);
  assert.match(new URL(page.url()).search, /q=language\+caf%C3%A9&role=SP&country=PL/);
  await j.visit('library', () => nav('Good practices').click(), { status: 200 });
  await j.visit('practice', () => link('Language café for newcomers').click(), { status: 200 });
  assert.match(await text('main'), /four public libraries/);
  await j.visit('practice-action', () => link('The action as it stands today').click(), { status: 200 });
  assert.match(await text('main'), /public view of the action/);

  // 2. Malmö's editor sees whom to learn from on SP1 and follows it.
  const editor = seed.user({ email: 'officer@malmo.example', role: 'city-editor', city: malmo.id });
  await signIn('editor-city', editor);
  await j.visit('learn', () => link('Compare with similar cities and learn from peers').click(), { status: 200 });
  const sp1 = page.locator('section.gap', { has: page.locator('#gap-SP1') });
  assert.match((await sp1.textContent()).replace(/\s+/g, ' '), /no action covers it.*Łódź \(Poland\), score 6/);
  await j.visit('learn-followed', () => sp1.getByRole('link', { name: 'Language café for newcomers' }).click(), { status: 200 });
  assert.match(await text('h1'), /Language café for newcomers/);
  await signOut('editor-signed-out');

  // 3. The secretariat forms the pair and records the review with two recommendations.
  const sec = seed.user({ email: 'peer-reviews@network.example', role: 'secretariat' });
  await signIn('network', sec);
  await j.visit('pairing', () => link('Peer-review pairs').click(), { status: 200 });
  assert.match(await text('main table tbody'), /Malmö.*Łódź|Łódź.*Malmö/);
  await j.visit('review-new', () => link('Review of Malmö by Łódź').click(), { status: 200 });
  assert.equal(await page.getByLabel('Host city').inputValue(), String(malmo.id));
  assert.ok(await page.getByLabel('Łódź', { exact: true }).isChecked(), 'the reviewer comes from the pairing');
  assert.ok(await page.locator('input[name="commitments"][value="SP1"]').isChecked(), 'so does the commitment in focus');
  await page.getByLabel('Visited', { exact: true }).check();
  await j.fillDate(/^First day of the visit/, '2026-10-05');
  await j.visit('review-recorded', () => button('Record the peer review').click(), { status: 200 });
  for (const words of ['Open language cafés in two district libraries', 'Train volunteers with the Łódź team']) {
    await page.getByLabel('Commitment', { exact: true }).selectOption('SP1');
    await page.getByLabel('Recommendation', { exact: true }).fill(words);
    await j.visit(`recommendation-${words.split(' ')[0].toLowerCase()}`, () => button('Add the recommendation').click(), { status: 200 });
  }
  const reviewUrl = page.url();
  await signOut('secretariat-signed-out');

  // 4. Malmö accepts the first recommendation and turns it into an action.
  await signIn('editor-again', editor);
  await j.visit('host-review', () => page.goto(reviewUrl), { status: 200 });
  const first = page.locator('form[action$="/response"]').first();
  await first.getByLabel('Accepted', { exact: true }).check();
  await j.visit('responded', () => first.getByRole('button', { name: /^Record the response/ }).click(), { status: 200 });
  await j.visit('to-action', () => page.getByRole('link', { name: /^Turn it into an action/ }).first().click(), { status: 200 });
  assert.equal(await page.getByLabel("The action's title").inputValue() !== '', true, 'the title is prefilled');
  await page.getByLabel("The action's title").fill('Language cafés in Rosengård and Husie libraries');
  await j.visit('action-made', () => button('Add the action to the plan').click(), { status: 200 });
  assert.match(await text('main'), /From peer review recommendation/);
  await signOut('host-signed-out');

  // 5. The next draft report shows the review, its recommendations and the action.
  await signIn('secretariat-again', sec);
  await j.visit('reports', () => nav('Reports').click(), { status: 200 });
  await j.visit('draft', () => button('Compile the draft').first().click(), { status: 200 });
  await j.visit('draft-read', () => link(/^Read the draft/).first().click(), { status: 200 });
  const learning = (await page.locator('main').textContent()).replace(/\s+/g, ' ');
  assert.match(learning, /Mutual learning/);
  assert.match(learning, /Malmö/);
});
