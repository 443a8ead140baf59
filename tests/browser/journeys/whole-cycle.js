'use strict';
// The whole cycle, as new users meet it, with JavaScript off: the secretariat registers a city
// and invites its officer; the officer chooses a password, builds the plan; a check-in round
// opens and the officer follows the emailed link and submits; the secretariat compiles the
// outcomes report, reads the draft, marks two good practices and publishes; the public reads
// it with its charts, JSON and CSV; data edited afterwards leaves it unchanged; a corrected
// version appears beside it.

const assert = require('node:assert/strict');
const { journey } = require('../lib/harness');
const { waitForMail } = require('../lib/mail');

journey('whole-cycle', async (j) => {
  const { page, seed } = j;
  const text = async (sel) => (await page.locator(sel).first().textContent()).replace(/\s+/g, ' ').trim();
  const button = (name) => page.getByRole('button', { name });
  const link = (name) => page.getByRole('link', { name });
  const year = new Date().getUTCFullYear();
  const sec = seed.user({ email: 'head@network.example', role: 'secretariat' });

  // 1. The secretariat signs in and registers Malmö.
  await j.visit('sign-in', () => page.goto(`${j.url}/login`), { status: 200 });
  await page.getByLabel('Email address').fill(sec.email);
  await page.getByLabel('Password').fill(sec.password);
  await j.visit('network-empty', () => button('Sign in').click(), { status: 200 });
  await j.visit('cities', () => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cities' }).click(), { status: 200 });
  await j.visit('city-form', () => link('Register a city').click(), { status: 200 });
  await page.getByLabel('Name').fill('Malmö');
  await page.getByLabel('Country').selectOption('SE');
  await page.getByLabel("Yes, anyone can see the city's page and plan").check();
  await page.getByLabel('Date the city signed EUROCITIES Charter on Integrating Cities').fill('2010-03-10');
  await j.visit('city-registered', () => button('Register the city').click(), { status: 200 });
  const cityId = Number(new URL(page.url()).pathname.split('/')[2]) || (await seed.api('GET', '/api/v1/cities')).items[0].id;

  // 2. Its officer is a contact (for the check-in emails) and gets an account by invitation.
  await j.visit('contacts', () => page.goto(`${j.url}/cities/${cityId}/contacts`), { status: 200 });
  await j.visit('contact-form', () => link('Add a contact').click(), { status: 200 });
  await page.getByLabel('Name').fill('Anna Berg');
  await page.getByLabel('Email address').fill('anna.berg@malmo.example');
  await page.getByLabel('Language', { exact: true }).fill('en');
  await page.getByLabel('Yes', { exact: true }).check();
  await j.visit('contact-added', () => button('Add the contact').click(), { status: 200 });
  await j.visit('users', () => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click(), { status: 200 });
  await j.visit('invite-form', () => link('Invite a user').click(), { status: 200 });
  await page.getByLabel('Name').fill('Anna Berg');
  await page.getByLabel('Email address').fill('anna.berg@malmo.example');
  await page.getByLabel('City editor').check();
  await page.getByLabel('City', { exact: true }).selectOption(String(cityId));
  await j.visit('invited', () => button('Send the invitation').click(), { status: 200 });
  await j.visit('signed-out', () => button('Sign out').click(), { status: 200 });

  // 3. The officer follows the invitation, chooses a password and lands on the city's page.
  const invitation = await waitForMail(j.server.outboxDir, (m) => m.kind === 'invitation' && m.to.includes('anna.berg@malmo.example'));
  const invite = invitation.text.match(/https?:\/\/\S+\/password\/\S+/)[0];
  await j.visit('choose-password', () => page.goto(invite), { status: 200 });
  await page.getByLabel('New password', { exact: true }).fill('Malmö cafés since 2010');
  await page.getByLabel('Type the new password again').fill('Malmö cafés since 2010');
  await j.visit('city-page', () => button('Save the password and sign in').click(), { status: 200 });
  assert.equal(new URL(page.url()).pathname, `/cities/${cityId}`);
  assert.match(await text('.banner'), /Your password has been saved/);

  // 4. The plan and two actions.
  await j.visit('plan-form', () => link('Start a new action plan').click(), { status: 200 });
  await page.getByLabel('Title').fill('Malmö integration plan');
  await j.fillDate('Start of the period', `${year}-01-01`);
  await j.fillDate('End of the period', `${year + 2}-12-31`);
  await page.getByLabel('Adopted', { exact: true }).check();
  await j.visit('plan-created', () => button('Create the plan').click(), { status: 200 });
  for (const [commitment, title] of [['SP1', 'Language cafés in public libraries'], ['EM1', 'Diverse recruitment panels']]) {
    await j.visit(`action-form-${commitment}`, () => page.getByRole('link', { name: /^Add an action/ }).click(), { status: 200 });
    await page.getByLabel('Commitment', { exact: true }).selectOption(commitment);
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('In progress').check();
    await page.getByLabel('Progress, in percent').fill('30');
    await j.visit(`action-added-${commitment}`, () => button('Add the action').click(), { status: 200 });
  }
  assert.match(await text('.plan'), /2 of 15 commitments/);

  // 5. A round opens; the check-in email reaches the officer; the link opens the form.
  const { link: checkIn } = await seed.openRoundNow('anna.berg@malmo.example');
  await j.visit('check-in', () => page.goto(checkIn), { status: 200 });
  const cafes = (await seed.api('GET', `/api/v1/plans/${(await seed.api('GET', `/api/v1/cities/${cityId}/plans`)).items[0].id}/actions?commitment=SP1`)).items[0];
  await page.locator(`[name="a${cafes.id}_progress"]`).fill('80');
  await page.locator(`[name="a${cafes.id}_narrative"]`).fill('Twelve weekly cafés in four libraries, run with volunteers.');
  await page.locator('[name="i_SP1-A_value"]').fill('450');
  await j.visit('check-in-submitted', () => button(/submit/i).click(), { status: 200 });
  assert.match(await text('h1'), /submitted/i);
  await j.visit('signed-out-officer', () => page.goto(`${j.url}/logout`), { status: 200 });
  await j.visit('after-sign-out', () => page.locator('main').getByRole('button', { name: 'Sign out' }).click(), { status: 200 });

  // 6. The secretariat compiles the report, reads the draft, marks two good practices, publishes.
  await page.getByLabel('Email address').fill(sec.email);
  await page.getByLabel('Password').fill(sec.password);
  await j.visit('network', () => button('Sign in').click(), { status: 200 });
  assert.match(await text('table.matrix tbody tr'), /^Malmö/);
  await j.visit('reports', () => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click(), { status: 200 });
  await j.visit('draft', () => button('Compile the draft').click(), { status: 200 });
  assert.match(await text('.banner'), /Draft version 1 compiled/);
  await j.visit('draft-read', () => link(/^Read the draft/).click(), { status: 200 });
  assert.match(await text('body'), /Draft/);
  await j.visit('draft-again', () => page.goBack(), { status: 200 });
  await page.getByLabel("Show a city's actions").selectOption(String(cityId));
  await j.visit('city-actions', () => button('Show its actions').click(), { status: 200 });
  await j.visit('marked-1', () => button(/Mark as good practice\s*:\s*Language cafés in public libraries/).click(), { status: 200 });
  await j.visit('marked-2', () => button(/Mark as good practice\s*:\s*Diverse recruitment panels/).click(), { status: 200 });
  assert.match(await text('#good-practice ~ ul'), /Language cafés in public libraries.*Diverse recruitment panels|Diverse recruitment panels.*Language cafés in public libraries/);
  await j.visit('published', () => button('Publish version 1').click(), { status: 200 });
  assert.match(await text('.banner'), /Version 1 is published at/);
  // The address in the notice is a link to the published report.
  assert.match(await page.locator('.banner a').getAttribute('href'), /^http:\/\/127\.0\.0\.1:\d+\/reports\/eurocities-integrating-cities-\d{4}$/);
  await j.visit('signed-out-secretariat', () => button('Sign out').click(), { status: 200 });

  // 7. The public reads it: charts, good practices, downloads.
  const slug = `eurocities-integrating-cities-${year}`;
  await j.visit('public-list', () => page.goto(`${j.url}/reports`), { status: 200 });
  const v1 = await j.visit('public-report', () => page.getByRole('link', { name: /Charter on Integrating Cities/ }).first().click(), { status: 200 });
  assert.equal(new URL(page.url()).pathname, `/reports/${slug}`);
  assert.ok(await page.locator('svg[role="img"]').count() >= 2, 'charts are inline SVG images');
  assert.match(await text('body'), /Twelve weekly cafés in four libraries/, 'a good practice with the city\'s narrative');
  const json = await page.request.get(`${j.url}/reports/${slug}.json`);
  assert.equal(json.status(), 200);
  const figures = await json.json();
  assert.ok(JSON.stringify(figures).includes('Language cafés in public libraries'));
  const csv = await page.request.get(`${j.url}/reports/${slug}.csv`);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /text\/csv/);

  // 8. Data edited afterwards leaves the published report as it was.
  await seed.api('PATCH', `/api/v1/actions/${cafes.id}`, { version: (await seed.api('GET', `/api/v1/actions/${cafes.id}`)).version, status: 'completed', progress: 100 });
  const again = await page.request.get(`${j.url}/reports/${slug}`);
  assert.equal(await again.text(), v1.html, 'the published report is byte for byte unchanged');

  // 9. A correction: a new version with its changelog, the first still readable.
  await j.visit('sign-in-again', () => page.goto(`${j.url}/login?next=%2Freports%2Fmanage`), { status: 200 });
  await page.getByLabel('Email address').fill(sec.email);
  await page.getByLabel('Password').fill(sec.password);
  await j.visit('reports-again', () => button('Sign in').click(), { status: 200 });
  await j.visit('report-admin', () => page.getByRole('link', { name: new RegExp(`${year}`) }).first().click(), { status: 200 });
  await j.visit('correction-draft', () => button('Compile a correction draft').click(), { status: 200 });
  await page.getByLabel('What this version corrects').fill('Malmö completed its library cafés.');
  await j.visit('correction-published', () => button('Publish version 2').click(), { status: 200 });
  await j.visit('public-v2', () => page.goto(`${j.url}/reports/${slug}`), { status: 200 });
  assert.match(await text('body'), /Malmö completed its library cafés/);
  const first = await j.visit('public-v1', () => page.goto(`${j.url}/reports/${slug}/versions/1`), { status: 200 });
  assert.equal(first.html, v1.html, 'version 1 stays readable, unchanged');
}, { timeout: 480_000 }); // every page is also asked in French, German and en-XA
