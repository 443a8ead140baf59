'use strict';
// Review and verification, with JavaScript off: a city's contact submits the check-in through
// the emailed link; the secretariat asks for changes on one action; the contact gets the email,
// opens its link, sees the comment beside that action and resubmits; the secretariat accepts,
// records a verified rating, and the draft report shows the accepted and unreviewed counts and
// the self-assessment against verification table. The city's editor then makes a calendar
// address. Every page passes the page checker (axe, Nu, 320 px and 200 % zoom).

const assert = require('node:assert/strict');
const { journey } = require('../lib/harness');
const { waitForMail, checkInLinks } = require('../lib/mail');

journey('review', async (j) => {
  const { page, seed } = j;
  const button = (name) => page.getByRole('button', { name });
  const link = (name) => page.getByRole('link', { name });
  const field = (name) => page.locator(`[name="${name}"]`);
  const text = async (sel) => (await page.locator(sel).first().textContent()).replace(/\s+/g, ' ').trim();

  const world = await seed.cityWithPlan({ city: { name: 'Malmö', country: 'SE' }, actions: ['SP1', 'EM1'] });
  const [cafes] = world.actions;
  const { link: emailed } = await seed.openRoundNow(world.contact.email);

  // 1. The contact submits, rating SP1 "substantial".
  await j.visit('form', () => page.goto(emailed), { status: 200 });
  await field(`a${cafes.id}_narrative`).fill('Twelve cafés now run weekly in four libraries.');
  await page.locator('#c_SP1_substantial').check();
  await j.visit('submitted', () => button('Submit check-in').click(), { status: 200 });

  // 2. The secretariat reads the queue and asks for changes on the cafés.
  const sec = seed.user({ email: 'reviewer@network.example', role: 'secretariat' });
  await j.visit('sign-in', () => page.goto(`${j.url}/login`), { status: 200 });
  await page.getByLabel('Email address').fill(sec.email);
  await page.getByLabel('Password').fill(sec.password);
  await j.visit('network', () => button('Sign in').click(), { status: 200 });
  await j.visit('queue', () => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews', exact: true }).click(), { status: 200 });
  assert.match(await text('main table tbody'), /Malmö/);
  await j.visit('review', () => page.getByRole('link', { name: /^Review the check-in of Malmö/ }).click(), { status: 200 });
  await page.getByLabel('Ask the city for changes').check();
  await j.visit('review-mistake', () => button('Send the decision').click(), { status: 422 });
  assert.match(await page.title(), /^Error: /);
  await page.getByLabel(/Comment on “Language cafés in public libraries”/).fill('Which four libraries? Please name them.');
  await j.visit('changes-asked', () => button('Send the decision').click(), { status: 200 });
  assert.match(await text('.banner'), /asked for changes/);

  // 3. The contact gets the email, opens its link and sees the comment beside the action.
  const mail = await waitForMail(j.server.outboxDir, (m) => m.kind === 'changes_requested' && m.to.includes(world.contact.email));
  assert.match(mail.text, /Which four libraries\?/);
  const [again] = checkInLinks(mail);
  await j.visit('form-again', () => page.goto(again), { status: 200 });
  const comment = page.locator('.review-comment');
  assert.match((await comment.allTextContents()).join(' '), /Which four libraries\?/);
  assert.equal(await field(`a${cafes.id}_narrative`).inputValue(), 'Twelve cafés now run weekly in four libraries.', 'the last answers are kept');
  await field(`a${cafes.id}_narrative`).fill('Twelve cafés in Garaget, Rosengård, Husie and the City Library.');
  await j.visit('resubmitted', () => button('Submit check-in').click(), { status: 200 });

  // 4. The secretariat accepts, and records a verified rating of SP1.
  await j.visit('queue-again', () => page.goto(`${j.url}/reviews`), { status: 200 });
  await j.visit('review-again', () => page.getByRole('link', { name: /^Review the check-in of Malmö/ }).click(), { status: 200 });
  await page.getByLabel('Accept it').check();
  await j.visit('accepted', () => button('Send the decision').click(), { status: 200 });
  assert.match(await text('.banner'), /accepted/);
  await j.visit('verification', () => page.goto(`${j.url}/cities/${world.city.id}/verification`), { status: 200 });
  await page.getByLabel('Commitment', { exact: true }).selectOption('eurocities-integrating-cities|SP1');
  await page.getByLabel('Limited', { exact: true }).check();
  await page.getByLabel('Evidence links (optional)').fill('https://malmo.example/visit.pdf Visit report');
  await j.visit('verified', () => button('Record the verification').click(), { status: 200 });
  assert.match(await text('main table tbody'), /Substantial.*Limited.*Differs/);

  // 5. The draft report shows the accepted and unreviewed counts and the new table.
  await j.visit('reports', () => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click(), { status: 200 });
  await j.visit('draft', () => button('Compile the draft').click(), { status: 200 });
  await j.visit('draft-read', () => link(/^Read the draft/).click(), { status: 200 });
  assert.match(await text('#compliance'), /the secretariat had accepted 1 when these figures were compiled; 0 were not yet accepted/);
  // Cells run together in textContent: SP1, assessed 1, verified 1, agree 0, higher 1, lower 0.
  assert.match(await text('#table-verification'), /SP111010/);

  // 6. Personal data: what is held about the contact (the page the secretariat answers a
  // subject access request from), and the public privacy page.
  await j.visit('people', () => page.goto(`${j.url}/people`), { status: 200 });
  await page.getByLabel('Email address').fill(world.contact.email);
  await j.visit('people-found', () => button('Show what is held').click(), { status: 200 });
  assert.match(await text('main'), new RegExp(world.contact.email.replace('.', '\\.')));
  await j.visit('privacy', () => page.goto(`${j.url}/privacy`), { status: 200 });

  // 7. The city's editor makes a calendar address for the office calendar.
  await j.visit('signed-out', () => page.goto(`${j.url}/logout`), { status: 200 });
  const editor = seed.user({ email: 'officer@malmo.example', role: 'city-editor', city: world.city.id });
  await j.visit('after-sign-out', () => page.locator('main').getByRole('button', { name: 'Sign out' }).click(), { status: 200 });
  await page.goto(`${j.url}/login`);
  await page.getByLabel('Email address').fill(editor.email);
  await page.getByLabel('Password').fill(editor.password);
  await j.visit('city-page', () => button('Sign in').click(), { status: 200 });
  await j.visit('calendar', () => link('Calendar of due dates').click(), { status: 200 });
  await j.visit('calendar-made', () => button('Make a calendar address').click(), { status: 200 });
  const address = await page.locator('#calendar-url').inputValue();
  assert.match(address, /\/calendar\/[A-Za-z0-9_-]+\.ics$/);
  const feed = await fetch(address);
  assert.equal(feed.status, 200);
  assert.match(await feed.text(), /BEGIN:VCALENDAR/);
});
