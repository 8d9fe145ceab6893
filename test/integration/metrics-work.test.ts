// The dashboard's sections for work handed on from tickets, through the real API on a real
// database: open engagements per team with their ages, and compliance requests by state with the
// next delivery day (Thanksgiving 2026 moves Thursday's delivery to Friday).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../../src/authz/authorize.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { TestClock } from '../support/reminders.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

const ny = (local: string) => DateTime.fromISO(local, { zone: 'America/New_York' }).toJSDate();
const clock = new TestClock(ny('2026-11-24T09:00').getTime());
let t: TestApp;
let analyst: Client;

async function ticket(subject: string): Promise<string> {
  const createdAt = clock.now();
  const opened = await t.app.services.tickets.open(
    { actor: SYSTEM_ACTOR },
    {
      subject,
      status: 'new',
      requesterEmail: 'someone@globex.example',
      requesterName: null,
      organisation: null,
      disposition: null,
      tags: [],
      slaDueAt: null,
      createdAt,
      messages: [{ direction: 'inbound', from: 'someone@globex.example', subject, bodyText: 'Hello', createdAt }],
    },
  );
  return opened.id;
}

before(async () => {
  t = await startTestApp({ app: { clock } });
  const db = t.app.database.db;
  const teams = await db.selectFrom('teams').select(['id', 'name']).execute();
  const team = (name: string) => teams.find((x) => x.name === name)!.id;
  const engage = async (teamName: string, state: string, engagedAt: string) => {
    await sql`insert into team_engagements (ticket_id, team_id, state, question, created_at) values (${await ticket(`for ${teamName}`)}, ${team(teamName)}, ${state}, 'What happened?', ${ny(engagedAt)})`.execute(
      db,
    );
  };
  await engage('Application Security', 'open', '2026-11-20T09:00'); // 4 days
  await engage('Application Security', 'answered', '2026-11-22T09:00'); // 2 days
  await engage('Abuse', 'open', '2026-11-23T21:00'); // 0.5 days
  await engage('Abuse', 'closed', '2026-11-01T09:00'); // closed: not counted
  const customer = randomUUID();
  await sql`insert into customers (id, name, account_id, email_domains, soc2, pentest, nda_on_file, updated_at) values (${customer}, 'Globex', 'GLX-7', ${['globex.example']}, true, true, true, now())`.execute(
    db,
  );
  const request = async (status: string, createdAt: string) => {
    await sql`insert into compliance_requests (id, ticket_id, customer_id, requester_email, on_behalf, reports, status, created_at) values (${randomUUID()}, ${await ticket('SOC 2 please')}, ${customer}, 'someone@globex.example', false, ${['soc2']}, ${status}, ${ny(createdAt)})`.execute(
      db,
    );
  };
  await request('queued', '2026-11-23T09:00');
  await request('queued', '2026-11-24T08:00');
  await request('delivered', '2026-11-16T09:00');
  await createUser(t.app, 'analyst@example.com', ['security_analyst']);
  analyst = await signIn(t.http, 'analyst@example.com');
});
after(async () => t.close());

const section = async (key: string) => {
  const res = await analyst.request('GET', '/api/metrics/inbox');
  assert.equal(res.statusCode, 200, res.body);
  return res.json().sections.find((s: { key: string }) => s.key === key);
};
const figure = (s: { figures: { key: string; value: number }[] }, key: string) => s.figures.find((f) => f.key === key)!.value;

test('open engagements per team, with their ages; closed ones are left out', async () => {
  const s = await section('open_engagements');
  assert.equal(figure(s, 'open'), 3);
  assert.equal(figure(s, 'oldestAgeDays'), 4);
  assert.deepEqual(s.rows, [
    { team: 'Abuse', open: 1, researching: 1, answered: 0, averageAgeDays: 0.5, oldestAgeDays: 0.5 },
    { team: 'Application Security', open: 2, researching: 1, answered: 1, averageAgeDays: 3, oldestAgeDays: 4 },
  ]);
});

test('compliance requests by state, with the next delivery day moved off Thanksgiving', async () => {
  const s = await section('compliance_requests');
  assert.equal(figure(s, 'queued'), 2);
  assert.equal(figure(s, 'delivered'), 1);
  assert.equal(figure(s, 'oldestQueuedAgeDays'), 1);
  assert.deepEqual(s.rows, [
    { state: 'queued', requests: 2, nextDelivery: '2026-11-27' },
    { state: 'delivered', requests: 1, nextDelivery: null },
  ]);
  const csv = await analyst.request('GET', '/api/metrics/inbox.csv?section=compliance_requests');
  assert.equal(csv.statusCode, 200);
  assert.match(csv.body, /queued,2,2026-11-27/);
});
