import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFlow, finalRoundSent, teamsNeeded, type FlowInput } from './flow.ts';

const t0 = new Date('2026-11-24T10:00:00Z');
const hours = (n: number) => new Date(t0.getTime() + n * 3_600_000);
const decided = { decidedBy: 'Ada', decidedAt: t0 };

function base(): FlowInput {
  return {
    impactDetermined: false,
    scope: null,
    medium: null,
    tasks: [],
    lists: [],
    securityNoticesList: false,
    rounds: [],
    communications: [],
    overrides: [],
    now: t0,
  };
}

function ready(): FlowInput {
  return {
    ...base(),
    impactDetermined: true,
    scope: { frequencyMinutes: 240, ...decided },
    medium: { channels: ['customer_email', 'blog_post'], ...decided },
    tasks: [
      { id: 't1', team: 'marketing_programs', ownerId: 'u1', dueAt: null, doneAt: null },
      { id: 't2', team: 'marketing_ops', ownerId: 'u2', dueAt: null, doneAt: null },
    ],
    lists: ['customers'],
    rounds: [{ number: 1, final: false, startedAt: t0, startedBy: 'Ada', channels: null }],
  };
}

test('a new incident stands at the investigation, with the reason named', () => {
  const flow = computeFlow(base());
  assert.equal(flow.stage, 'investigate');
  assert.deepEqual(
    flow.blockers.map((b) => b.code),
    ['impact_not_determined'],
  );
  assert.equal(flow.steps[0]!.state, 'current');
  assert.equal(flow.steps[1]!.state, 'pending');
  assert.equal(flow.allClear, false);
});

test('decisions are walked in order: scope, then medium', () => {
  const f1 = computeFlow({ ...base(), impactDetermined: true });
  assert.equal(f1.stage, 'decide_scope');
  const f2 = computeFlow({ ...base(), impactDetermined: true, scope: { frequencyMinutes: 240, ...decided } });
  assert.equal(f2.stage, 'decide_medium');
  assert.equal(f2.steps.find((s) => s.step === 'decide_scope')!.decidedBy, 'Ada');
});

test('the channels decide which extended teams must be engaged, each with an owner', () => {
  assert.deepEqual(teamsNeeded(['customer_email', 'customer_faq', 'social_post']).sort(), [
    'community_advocates',
    'marketing_ops',
    'marketing_programs',
    'support',
  ]);
  const flow = computeFlow({ ...ready(), tasks: [{ id: 't1', team: 'marketing_programs', ownerId: null, dueAt: null, doneAt: null }] });
  assert.equal(flow.stage, 'engage_teams');
  assert.deepEqual(flow.blockers.map((b) => b.code).sort(), ['task_without_owner', 'team_not_engaged']);
});

test('contact data and content are current side by side; missing list and unapproved drafts are named', () => {
  const flow = computeFlow({ ...ready(), lists: [], communications: [{ round: 1, channel: 'customer_email', approved: false, sentAt: null }] });
  assert.equal(flow.stage, 'collect_contacts');
  const states = Object.fromEntries(flow.steps.map((s) => [s.step, s.state]));
  assert.equal(states.collect_contacts, 'current');
  assert.equal(states.produce_content, 'current');
  const codes = flow.blockers.map((b) => `${b.code}:${b.channel ?? ''}`).sort();
  assert.deepEqual(codes, ['list_missing:customer_email', 'not_approved:customer_email', 'not_drafted:blog_post']);
});

test("the team's security notices list stands in for the customers' list: no contact data is missing", () => {
  const flow = computeFlow({ ...ready(), lists: [], securityNoticesList: true });
  assert.ok(!flow.blockers.some((b) => b.code === 'list_missing'), 'the customer email has the team list to go to');
});

test('a public channel waits for the customer email unless overridden', () => {
  const comms = [
    { round: 1, channel: 'customer_email' as const, approved: true, sentAt: null },
    { round: 1, channel: 'blog_post' as const, approved: true, sentAt: null },
  ];
  const waiting = computeFlow({ ...ready(), communications: comms });
  assert.equal(waiting.stage, 'send');
  assert.ok(waiting.blockers.some((b) => b.code === 'customers_first' && b.channel === 'blog_post'));
  const overridden = computeFlow({ ...ready(), communications: comms, overrides: [{ round: 1, channel: 'blog_post' }] });
  assert.ok(overridden.blockers.every((b) => b.code !== 'customers_first'));
});

test('next communication due is last sent + frequency, and overdue is measured against it', () => {
  const sent = [
    { round: 1, channel: 'customer_email' as const, approved: true, sentAt: hours(1) },
    { round: 1, channel: 'blog_post' as const, approved: true, sentAt: hours(2) },
  ];
  const onTime = computeFlow({ ...ready(), communications: sent, now: hours(3) });
  assert.equal(onTime.nextCommunicationDue?.toISOString(), hours(6).toISOString());
  assert.equal(onTime.overdue, false);
  const late = computeFlow({ ...ready(), communications: sent, now: hours(7) });
  assert.equal(late.overdue, true);
  assert.equal(late.overdueMinutes, 60);
  assert.equal(late.stage, 'all_clear');
  assert.deepEqual(
    late.blockers.map((b) => b.code),
    ['final_round_not_started'],
  );
});

test('overdue extended-team tasks are listed', () => {
  const input = ready();
  input.tasks[0]!.dueAt = hours(1);
  assert.deepEqual(computeFlow({ ...input, now: hours(2) }).overdueTaskIds, ['t1']);
});

test('all clear once the final round is sent; nothing is due after it', () => {
  const comms = [
    { round: 1, channel: 'customer_email' as const, approved: true, sentAt: hours(1) },
    { round: 1, channel: 'blog_post' as const, approved: true, sentAt: hours(1) },
    { round: 2, channel: 'customer_email' as const, approved: true, sentAt: hours(5) },
  ];
  const rounds = [...ready().rounds, { number: 2, final: true, startedAt: hours(4), startedBy: 'Ada', channels: null }];
  const flow = computeFlow({ ...ready(), rounds, communications: comms, now: hours(20) });
  assert.equal(flow.allClear, true);
  assert.equal(flow.nextCommunicationDue, null);
  assert.equal(flow.overdue, false);
  const pending = computeFlow({ ...ready(), rounds, communications: [...comms.slice(0, 2), { ...comms[2]!, sentAt: null }], now: hours(20) });
  assert.equal(pending.allClear, false);
});

test('all clear waits for every channel chosen for the final round, drafted or not', () => {
  const rounds = [
    ...ready().rounds,
    { number: 2, final: true, startedAt: hours(4), startedBy: 'Ada', channels: ['customer_email' as const, 'blog_post' as const] },
  ];
  const sentRound1 = [
    { round: 1, channel: 'customer_email' as const, approved: true, sentAt: hours(1) },
    { round: 1, channel: 'blog_post' as const, approved: true, sentAt: hours(1) },
  ];
  const email = { round: 2, channel: 'customer_email' as const, approved: true, sentAt: hours(5) };
  const input = { ...ready(), rounds, now: hours(20) };
  // The email is sent, the blog post not even drafted: not all clear.
  assert.equal(finalRoundSent({ ...input, communications: [...sentRound1, email] }), false);
  const blocked = computeFlow({ ...input, communications: [...sentRound1, email] });
  assert.equal(blocked.allClear, false);
  assert.deepEqual(
    blocked.blockers.map((b) => `${b.step}:${b.code}:${b.channel}`),
    ['produce_content:not_drafted:blog_post'],
  );
  // Drafted, not sent: still not.
  assert.equal(finalRoundSent({ ...input, communications: [...sentRound1, email, { round: 2, channel: 'blog_post' as const, sentAt: null }] }), false);
  // Both sent.
  const done = [...sentRound1, email, { round: 2, channel: 'blog_post' as const, approved: true, sentAt: hours(6) }];
  assert.equal(finalRoundSent({ ...input, communications: done }), true);
  assert.equal(computeFlow({ ...input, communications: done }).allClear, true);
  assert.equal(finalRoundSent({ ...input, rounds: ready().rounds, communications: done }), false, 'no final round');
});
