'use strict';
// Seeding through the product's own doors: the CLI (users, tokens, scheduler passes) and the
// JSON API with a Bearer token, exactly as the README's "First steps" does it.
//
//   const seed = new Seed(server);
//   const token = seed.secretariat();                         // user + API token (CLI)
//   const city = await seed.city({ name: 'Malmö', country: 'SE' });
//   const plan = await seed.plan(city.id);                    // adopted Charter plan
//   const action = await seed.action(plan.id, { commitment: 'SP1', title: '...' });
//   const contact = await seed.contact(city.id, { name, email });
//   const { link, mail } = await seed.openRoundNow(contact.email);  // the emailed check-in link

const { waitForMail, checkInLinks } = require('./mail');

class Seed {
  constructor(server) {
    this.server = server;
    this.token = null;
    this.users = new Map(); // email -> { password, token }
  }

  /**
   * Adds a user with the CLI (`user add`, password on standard input) and issues an API
   * token (`token issue`). Returns { email, password, token }.
   */
  user({ email, role, city, password = 'a long browser-test password' }) {
    const args = ['user', 'add', '--email', email, '--role', role];
    if (city !== undefined) args.push('--city', String(city));
    this.server.cli(args, { input: `${password}\n` });
    const token = this.server.cli(['token', 'issue', '--email', email, '--label', 'browser tests']).trim();
    const user = { email, password, token };
    this.users.set(email, user);
    return user;
  }

  /** The secretariat's API token (its user is made on first use). */
  secretariat() {
    if (!this.token) this.token = this.user({ email: 'secretariat@network.example', role: 'secretariat' }).token;
    return this.token;
  }

  api(method, path, body, opts) {
    return this.server.api(method, path, body, this.secretariat(), opts);
  }

  city({ name = 'Malmö', country = 'SE', ...rest } = {}) {
    return this.api('POST', '/api/v1/cities', { name, country, ...rest });
  }

  /** An adopted plan under the EUROCITIES Charter (a round asks cities with one). */
  plan(cityId, fields = {}) {
    return this.api('POST', `/api/v1/cities/${cityId}/plans`, {
      framework: 'eurocities-integrating-cities',
      title: 'Action plan 2026-2028',
      period_start: '2026-01-01',
      period_end: '2028-12-31',
      status: 'adopted',
      ...fields,
    });
  }

  action(planId, { commitment = 'SP1', title = `Action for ${commitment}`, status = 'in_progress', progress = 10, delivery = 'direct', ...rest } = {}) {
    return this.api('POST', `/api/v1/plans/${planId}/actions`, { commitment, title, status, progress, delivery, ...rest });
  }

  /** A contact; by default one who receives reminders, in English. */
  contact(cityId, { name = 'Anna Berg', email = 'anna@malmo.example', language = 'en', receives_reminders = true, ...rest } = {}) {
    return this.api('POST', `/api/v1/cities/${cityId}/contacts`, { name, email, language, receives_reminders, ...rest });
  }

  /**
   * Opens a check-in round now, as tests/api/helpers.rs `open_round_now` does: the schedule
   * becomes daily at 00:00 UTC and one scheduler pass (`charter-tracker tick`) opens today's
   * round for every city with an adopted plan and delivers the emails to the outbox folder.
   * Waits for the round_opened email to `contactEmail` and returns { link, mail, tick } (tick: what the
   * pass printed).
   */
  async openRoundNow(contactEmail) {
    await this.api('PUT', '/api/v1/schedule', { expression: '0 0 * * *', time_zone: 'UTC' });
    const tick = this.server.cli(['tick']);
    const mail = await waitForMail(this.server.outboxDir, (m) => m.kind === 'round_opened' && m.to.includes(contactEmail));
    const links = checkInLinks(mail);
    if (links.length === 0) throw new Error(`the round_opened email to ${contactEmail} has no check-in link:\n${mail.text}`);
    if (!links[0].startsWith(`${this.server.url}/`)) {
      throw new Error(`the emailed link ${links[0]} does not point at the server under test (${this.server.url})`);
    }
    return { link: links[0], mail, tick };
  }

  /**
   * A city ready for a check-in: city, adopted plan, `actions` (commitment codes) and a
   * contact who receives reminders. Returns { city, plan, actions, contact }.
   */
  async cityWithPlan({ city = {}, actions = ['SP1', 'EM1'], contact = {} } = {}) {
    const c = await this.city(city);
    const plan = await this.plan(c.id);
    const acts = [];
    for (const commitment of actions) {
      acts.push(await this.action(plan.id, { commitment, title: TITLES[commitment] || `Action for ${commitment}` }));
    }
    const person = await this.contact(c.id, contact);
    return { city: c, plan, actions: acts, contact: person };
  }
}

const TITLES = {
  SP1: 'Language cafés in public libraries',
  EM1: 'Diverse recruitment panels in city departments',
  PM1: 'Newcomers’ advisory council',
  BU1: 'Social clauses in procurement',
};

module.exports = { Seed };
