import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankFacts } from '../incidents/fact-catalogue.ts';
import type { IncidentRecord } from '../incidents/incidents.types.ts';
import { DEFAULT_RISK_MATRIX } from '../incidents/risk-matrix.ts';
import type { DomainError } from '../errors.ts';
import { commsValues, formatWhen, renderComms } from './comms-templates.ts';

const { impact: _i, likelihood: _l, type: _t, ...facts } = blankFacts(5, 5, 'data_breach');
const incident: IncidentRecord = {
  id: 'i1',
  number: 7,
  title: 'Exposed backups',
  description: 'internal',
  type: 'data_breach',
  status: 'investigating',
  impact: 5,
  likelihood: 5,
  visibility: 'normal',
  facts: { ...facts, dataBreach: true },
  declaredBy: null,
  declaredAt: new Date('2026-11-24T09:00:00Z'),
  updatedAt: new Date('2026-11-24T09:00:00Z'),
  ticketId: null,
};
const settings = { teamName: 'Security team', securityAddress: 'security@example.com' };

test('facts read as sentences; the next update and the blog link come from the plan', () => {
  const values = commsValues(incident, DEFAULT_RISK_MATRIX, settings, {
    nextUpdate: new Date('2026-11-24T14:00:00Z'),
    blogUrl: null,
    publicTitle: 'Unauthorised access to backups',
  });
  assert.equal(values['fact.data_breach'], 'there is a data breach');
  assert.equal(values['fact.personal_data_exposed'], 'no personal data is exposed');
  assert.equal(values['comms.next_update'], formatWhen(new Date('2026-11-24T14:00:00Z')));
  assert.match(values['comms.next_update']!, /^Tuesday, 24 November 2026 14:00 UTC$/);
  const out = renderComms({ subject: 'About {{incident.public_title}}', body: 'Hello,\n{{fact.data_breach}}.' }, values, DEFAULT_RISK_MATRIX);
  assert.deepEqual(out, { subject: 'About Unauthorised access to backups', body: 'Hello,\nthere is a data breach.' });
});

test('a missing value and an internal-only fact are refused with their positions', () => {
  const values = commsValues(incident, DEFAULT_RISK_MATRIX, settings, { nextUpdate: null, blogUrl: null });
  assert.throws(
    () => renderComms({ subject: 'S', body: 'Read:\n  {{blog.url}} and {{fact.rce_exploited}}' }, values, DEFAULT_RISK_MATRIX),
    (err: DomainError) => {
      const details = err.details as { placeholder: string; line: number; column: number; problem: string; message: string }[];
      assert.deepEqual(
        details.map((d) => [d.placeholder, d.line, d.column, d.problem]),
        [
          ['{{blog.url}}', 2, 3, 'missing'],
          ['{{fact.rce_exploited}}', 2, 20, 'unknown'],
        ],
      );
      assert.match(details[1]!.message, /internal-only fact/);
      return true;
    },
  );
});

test('public content never takes the internal title: {{incident.title}} is refused, an undecided public title says where to decide it', () => {
  const values = commsValues(incident, DEFAULT_RISK_MATRIX, settings, { nextUpdate: null, blogUrl: null });
  assert.throws(
    () => renderComms({ subject: 'About {{incident.title}}', body: 'On {{incident.public_title}}.' }, values, DEFAULT_RISK_MATRIX),
    (err: DomainError) => {
      const details = err.details as { part: string; placeholder: string; line: number; column: number; message: string }[];
      assert.deepEqual(
        details.map((d) => [d.part, d.placeholder, d.line, d.column]),
        [
          ['subject', '{{incident.title}}', 1, 7],
          ['body', '{{incident.public_title}}', 1, 4],
        ],
      );
      assert.match(details[0]!.message, /internal title: public content uses \{\{incident\.public_title\}\}/);
      assert.match(details[1]!.message, /decide the public title under Scope & frequency/);
      return true;
    },
  );
});

test("an email channel's per-recipient placeholders are kept for the send; an unknown one is refused with its position", () => {
  const values = commsValues(incident, DEFAULT_RISK_MATRIX, settings, { nextUpdate: null, blogUrl: null });
  const recipient = ['first_name', 'region'];
  const out = renderComms(
    { subject: 'For {{region}}', body: 'Hello {{ first_name }},\n{{fact.data_breach}} in {{region}}.' },
    values,
    DEFAULT_RISK_MATRIX,
    recipient,
  );
  assert.deepEqual(out, { subject: 'For {{region}}', body: 'Hello {{first_name}},\nthere is a data breach in {{region}}.' });
  assert.throws(
    () => renderComms({ subject: 'S', body: 'Hello,\n  {{regoin}}' }, values, DEFAULT_RISK_MATRIX, recipient),
    (err: DomainError) => {
      const details = err.details as { placeholder: string; line: number; column: number; problem: string }[];
      assert.deepEqual(
        details.map((d) => [d.placeholder, d.line, d.column, d.problem]),
        [['{{regoin}}', 2, 3, 'unknown']],
      );
      return true;
    },
  );
});
