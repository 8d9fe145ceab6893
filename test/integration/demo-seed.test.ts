// The demo data set tells one coherent story, produced by the product's own services: seeded on an
// empty database at two fixed moments (a Saturday after Thanksgiving, a Monday morning), every
// ticket, SLA, engagement, compliance request and incident role follows the product's rules.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { sql } from 'kysely';
import { seedDemo } from '../../src/app/seed/demo.ts';
import { SYSTEM_ACTOR } from '../../src/authz/authorize.ts';
import { whoIsOnCall } from '../../src/domains/oncall/rotation.ts';
import { ON_CALL_ROLES } from '../../src/domains/oncall/oncall-roles.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { LEGACY_OUTBOX_QUEUE, OUTBOX_QUEUES } from '../../src/app/legacy-outbox.ts';

const ZONE = 'America/New_York';
const WARN_MINUTES = 120;
const holidays = new Holidays('US', { types: ['public'] });
const ctx = { actor: SYSTEM_ACTOR };

interface Sla {
  state: string;
  dueAt: string | null;
  businessMsLeft: number | null;
}
interface Row {
  id: string;
  number: number;
  subject: string;
  status: string;
  disposition: string | null;
  firstHandledAt: string | null;
  sla: Sla;
}

/** The working day a due time belongs to: a due time at local midnight ends the day before. */
function dueDay(dueAt: string): DateTime {
  return DateTime.fromMillis(Date.parse(dueAt) - 1, { zone: ZONE });
}

for (const scene of [
  // Saturday 10:00 in New York: nothing can fall due within two hours, so nothing is at risk.
  { name: 'on a Saturday after Thanksgiving', now: '2026-11-28T15:00:00Z', atRisk: 0 },
  // Monday 10:30: the DMCA notice that came on Friday is due at noon.
  { name: 'on a Monday morning', now: '2026-11-30T15:30:00Z', atRisk: 1 },
]) {
  describe(`the demo seeded ${scene.name}`, () => {
    const now = new Date(scene.now);
    let t: TestApp;
    let analyst: Client;
    let tickets: Row[];
    before(async () => {
      t = await startTestApp({ app: { clock: { now: () => now } }, env: { SECDESK_SLA_WARN_MINUTES: String(WARN_MINUTES) } });
      assert.deepEqual(await seedDemo(t.app, { onlyIfEmpty: true }), { tickets: 8, incidents: 1 });
      await createUser(t.app, 'reader@example.com', ['security_analyst']);
      analyst = await signIn(t.http, 'reader@example.com');
      tickets = (await analyst.request('GET', '/api/tickets?limit=200')).json().items;
      assert.equal(tickets.length, 8);
    });
    after(async () => t.close());

    test('no SLA due time falls on a Saturday, a Sunday or a US public holiday in the team time zone', () => {
      const due = tickets.filter((r) => r.sla.dueAt);
      for (const row of due) {
        const day = dueDay(row.sla.dueAt!);
        assert.ok(day.weekday <= 5, `#${row.number} ${row.subject} is due on ${day.toFormat('cccc d LLL')}`);
        const holiday = holidays.getHolidays(day.year).find((h) => h.date.startsWith(day.toISODate()!));
        assert.equal(holiday, undefined, `#${row.number} ${row.subject} is due on ${holiday?.name} (${day.toISODate()})`);
      }
      assert.ok(due.length >= 7, 'every ticket from a person has a first-handling target');
    });

    test('a ticket handled (replied, redirected, engaged, queued) has no running SLA', () => {
      const handled = tickets.filter((r) => r.disposition || r.status === 'solved' || r.status === 'pending');
      assert.ok(handled.length >= 4);
      for (const row of handled) {
        assert.ok(row.firstHandledAt, `#${row.number} ${row.subject} is ${row.status} with disposition ${row.disposition} but was never handled`);
        assert.ok(['handled', 'none'].includes(row.sla.state), `#${row.number} ${row.subject}: SLA ${row.sla.state}`);
      }
    });

    test('every ticket with the disposition engage has an engagement with its team', async () => {
      const engaged = tickets.filter((r) => r.disposition === 'engage');
      assert.equal(engaged.length, 1);
      for (const row of engaged) {
        const engagements = (await analyst.request('GET', `/api/tickets/${row.id}/engagements`)).json().items;
        assert.equal(engagements.length, 1, `#${row.number} ${row.subject} has no engagement`);
        assert.equal(engagements[0].teamName, 'Security Operations');
        assert.equal(engagements[0].state, 'open');
        assert.equal(engagements[0].issue.state, 'none', 'no issue tracker is configured, so no issue is pending');
        assert.equal(row.status, 'pending');
      }
    });

    test('the compliance ticket is queued for the next delivery day, for a customer in the directory', async () => {
      const row = tickets.find((r) => r.disposition === 'compliance_request');
      assert.ok(row, 'a compliance ticket');
      assert.equal(row.status, 'pending');
      const requests = await t.app.database.db
        .selectFrom('compliance_requests')
        .innerJoin('customers', 'customers.id', 'compliance_requests.customer_id')
        .select(['compliance_requests.status', 'compliance_requests.reports', 'customers.name'])
        .where('ticket_id', '=', row.id)
        .execute();
      assert.deepEqual(
        requests.map((r) => ({ ...r, reports: [...r.reports].sort() })),
        [{ status: 'queued', reports: ['pentest', 'soc2'], name: 'Acme Financial' }],
      );
      const runs = await sql<{
        run_at: string;
      }>`select data->>'runAt' as run_at from pgboss.job where name = 'compliance.deliver' and state = 'created'`.execute(t.app.database.db);
      assert.equal(runs.rows.length, 1, 'one delivery run is scheduled');
      const runAt = new Date(runs.rows[0]!.run_at);
      assert.ok(runAt > now, 'the delivery run is ahead');
      const receipt = (await analyst.request('GET', `/api/tickets/${row.id}`)).json().messages.find((m: { direction: string }) => m.direction === 'outbound');
      const promised = DateTime.fromJSDate(runAt, { zone: ZONE }).setLocale('en-GB').toFormat('cccc, d LLLL yyyy');
      assert.ok(receipt.bodyText.includes(promised), `the receipt promises the scheduled run (${promised}): ${receipt.bodyText}`);
      const reports = await t.app.services.compliance.listReports(ctx);
      assert.deepEqual(reports.map((r) => r.kind).sort(), ['pentest', 'soc2'], 'both reports are there to deliver');
    });

    test('the SLA at risk view holds exactly the tickets the list shows at risk; no running clock shows less than the warning lead', async () => {
      const view = (await analyst.request('GET', '/api/tickets?view=sla_at_risk&limit=200'))
        .json()
        .items.map((r: Row) => r.id)
        .sort();
      assert.deepEqual(
        tickets
          .filter((r) => r.sla.state === 'at_risk')
          .map((r) => r.id)
          .sort(),
        view,
      );
      const breached = (await analyst.request('GET', '/api/tickets?view=breached&limit=200'))
        .json()
        .items.map((r: Row) => r.id)
        .sort();
      assert.deepEqual(
        tickets
          .filter((r) => r.sla.state === 'breached')
          .map((r) => r.id)
          .sort(),
        breached,
      );
      for (const row of tickets.filter((r) => r.sla.state === 'running')) {
        assert.ok(
          row.sla.businessMsLeft! > WARN_MINUTES * 60_000,
          `#${row.number} ${row.subject} shows ${Math.round(row.sla.businessMsLeft! / 60_000)} min left but is not in the SLA at risk view`,
        );
      }
      assert.equal(breached.length, 1, 'the encryption question is overdue');
      assert.equal(view.length, scene.atRisk);
    });

    test("the demo incident's three roles are filled from the rotations on declaration", async () => {
      const [summary] = (await analyst.request('GET', '/api/incidents')).json().items;
      const incident = (await analyst.request('GET', `/api/incidents/${summary.id}`)).json();
      assert.equal(incident.timeline[0].kind, 'declared');
      const declaredAt = new Date(incident.declaredAt);
      for (const role of ON_CALL_ROLES) {
        const holder = incident.roles.find((r: { role: string }) => r.role === role);
        const { rotation } = await t.app.services.oncall.rotation(ctx, role);
        assert.ok(rotation.participants.length >= 2, `${role} has a rotation`);
        assert.equal(holder.userId, whoIsOnCall(rotation, declaredAt)?.person.id, `${role} is held by whoever was on call`);
        assert.equal(new Date(holder.since).getTime(), declaredAt.getTime(), `${role} was filled when the incident was declared`);
      }
      assert.deepEqual(incident.engagements.map((e: { group: string }) => e.group).sort(), ['Broader e-group', 'Legal', 'Sr. Director of Security']);
      assert.ok(incident.timeline.some((e: { kind: string }) => e.kind === 'status_update'));
      // The hourly updates reached the groups (by mail: the demo team has no chat yet), so none was missed.
      assert.equal(incident.updateCounts.missed, 0, JSON.stringify(incident.updateCounts));
      assert.ok(incident.updateCounts.onTime > 0, JSON.stringify(incident.updateCounts));
      assert.ok(!incident.timeline.some((e: { summary: string }) => /not delivered/i.test(e.summary)), 'every update was delivered');
    });

    test('the public status page shows the public title, not the internal one', async () => {
      const page = await t.http.inject({ method: 'GET', url: '/status.json' });
      const [incident] = page.json().incidents;
      assert.equal(incident.name, 'CI job logs may show masked variables');
    });

    test("the demo's mail went to its own sink: nothing queued on the app's outbox, nothing left queued", async () => {
      const outbox = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = any(${[...OUTBOX_QUEUES, LEGACY_OUTBOX_QUEUE]})`.execute(
        t.app.database.db,
      );
      assert.equal(outbox.rows[0]!.n, 0);
      const queued = await t.app.database.db.selectFrom('ticket_messages').select('id').where('delivery_status', '=', 'queued').execute();
      assert.equal(queued.length, 0);
    });

    test("the seed's audit entries verify, and the tickets came in through mail intake", async () => {
      assert.equal((await t.app.store.read.auditLog.verify()).problem, null);
      const opened = await t.app.database.db.selectFrom('audit_log').select(['actor_label', 'after']).where('action', '=', 'ticket.opened').execute();
      assert.equal(opened.length, 8);
      assert.ok(opened.every((r) => r.actor_label === 'demo seed' && (r.after as { channel: string }).channel === 'import'));
      const followUp = tickets.find((r) => r.subject.startsWith('Suspicious sign-in'))!;
      const messages = (await analyst.request('GET', `/api/tickets/${followUp.id}`)).json().messages;
      assert.deepEqual(
        messages.map((m: { direction: string }) => m.direction),
        ['inbound', 'outbound', 'inbound'],
        'the thanks threads onto the answered ticket',
      );
      assert.equal(followUp.status, 'solved');
    });
  });
}
