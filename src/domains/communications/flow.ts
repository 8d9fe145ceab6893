// Where an incident stands in the reference chart's flow, computed from the plan's state alone:
// investigate → decide scope & frequency → decide medium → engage extended teams → collect contact
// data ∥ produce content → send → (produce → send)* → all clear. Decisions are recorded by people;
// facts (a list attached, content approved, sent) are read from the state. Pure: no I/O, no clock.
import type { Audience } from '../fanout/fanout.types.ts';
import {
  FLOW_STEPS,
  PUBLIC_CHANNELS,
  type Blocker,
  type Channel,
  type ExtendedTeam,
  type FlowStep,
  type FlowStepView,
  type FlowView,
  type Round,
} from './communications.types.ts';

export interface FlowInput {
  impactDetermined: boolean;
  scope: { frequencyMinutes: number; decidedBy: string; decidedAt: Date } | null;
  medium: { channels: Channel[]; decidedBy: string; decidedAt: Date } | null;
  tasks: { id: string; team: ExtendedTeam; ownerId: string | null; dueAt: Date | null; doneAt: Date | null }[];
  lists: Audience[];
  securityNoticesList: boolean;
  rounds: Round[];
  communications: { round: number; channel: Channel; approved: boolean; sentAt: Date | null }[];
  overrides: { round: number; channel: Channel }[];
  now: Date;
}

/** The extended teams a set of channels needs engaged (the reference's "Engage extended teams"). */
export function teamsNeeded(channels: readonly Channel[]): ExtendedTeam[] {
  const teams = new Set<ExtendedTeam>();
  if (channels.includes('customer_email')) teams.add('marketing_programs').add('marketing_ops');
  if (channels.includes('customer_faq')) teams.add('support');
  if (channels.includes('social_post')) teams.add('community_advocates');
  return [...teams];
}

const TEAM_LABEL: Record<ExtendedTeam, string> = {
  marketing_programs: 'Marketing Programs',
  marketing_ops: 'Marketing Ops',
  support: 'Support',
  community_advocates: 'Community Advocates',
};

/**
 * The channels a round must send: those chosen for it (the final round's), the first round every
 * channel of the medium, and whatever the round drafted besides (a holding statement published).
 */
export function roundChannels(input: Pick<FlowInput, 'medium'> & { communications: readonly { round: number; channel: Channel }[] }, round: Round): Channel[] {
  const drafted = input.communications.filter((c) => c.round === round.number).map((c) => c.channel);
  const chosen = round.channels ?? (round.number === 1 ? (input.medium?.channels ?? []) : []);
  return [...new Set([...chosen, ...drafted])];
}

/** All clear: the final round started and every channel of it is sent. */
export function finalRoundSent(
  input: Pick<FlowInput, 'medium' | 'rounds'> & { communications: readonly { round: number; channel: Channel; sentAt: Date | null }[] },
): boolean {
  const final = input.rounds.find((r) => r.final);
  if (!final) return false;
  const channels = roundChannels(input, final);
  return channels.length > 0 && channels.every((channel) => input.communications.some((c) => c.round === final.number && c.channel === channel && c.sentAt));
}

/** Whether a public channel of a round must still wait for the round's customer email. */
export function waitsForCustomers(
  input: { communications: readonly { round: number; channel: Channel; sentAt: Date | null }[]; overrides: readonly { round: number; channel: Channel }[] },
  round: number,
  channel: Channel,
): boolean {
  if (!PUBLIC_CHANNELS.includes(channel)) return false;
  const email = input.communications.find((c) => c.round === round && c.channel === 'customer_email');
  if (email?.sentAt) return false;
  return !input.overrides.some((o) => o.round === round && o.channel === channel);
}

function engageBlockers(input: FlowInput): Blocker[] {
  const blockers: Blocker[] = [];
  for (const team of teamsNeeded(input.medium?.channels ?? [])) {
    const tasks = input.tasks.filter((t) => t.team === team);
    if (!tasks.length) blockers.push({ step: 'engage_teams', code: 'team_not_engaged', message: `${TEAM_LABEL[team]} is not engaged: add a task for them` });
    else if (!tasks.some((t) => t.ownerId))
      blockers.push({ step: 'engage_teams', code: 'task_without_owner', message: `${TEAM_LABEL[team]}'s task has no owner` });
  }
  return blockers;
}

function contactBlockers(input: FlowInput): Blocker[] {
  const channels = input.medium?.channels ?? [];
  const blockers: Blocker[] = [];
  // The team's security notices list stands in for the customers' list until one is attached.
  if (channels.includes('customer_email') && !input.lists.length && !input.securityNoticesList)
    blockers.push({
      step: 'collect_contacts',
      code: 'list_missing',
      message:
        "attach the distribution list of the impacted customers or users, or mark the team's customer list as the security notices list (Admin → Communications)",
      channel: 'customer_email',
    });
  if (channels.includes('security_alert') && !input.securityNoticesList)
    blockers.push({
      step: 'collect_contacts',
      code: 'security_notices_list_missing',
      message: 'no distribution list is marked as the security notices list',
      channel: 'security_alert',
    });
  return blockers;
}

function produceBlockers(input: FlowInput, round: Round | null): Blocker[] {
  if (!round) return [{ step: 'produce_content', code: 'no_round', message: 'no round of communications has started' }];
  const channels = roundChannels(input, round);
  if (!channels.length) return [{ step: 'produce_content', code: 'nothing_drafted', message: `round ${round.number} has no communication yet` }];
  const blockers: Blocker[] = [];
  for (const channel of channels) {
    const c = input.communications.find((x) => x.round === round.number && x.channel === channel);
    if (!c) blockers.push({ step: 'produce_content', code: 'not_drafted', message: `${channel} is not drafted`, channel });
    else if (!c.approved && !c.sentAt)
      blockers.push({ step: 'produce_content', code: 'not_approved', message: `${channel} is not approved in its current version`, channel });
  }
  return blockers;
}

function sendBlockers(input: FlowInput, round: Round | null): Blocker[] {
  if (!round) return [{ step: 'send', code: 'no_round', message: 'no round of communications has started' }];
  const channels = roundChannels(input, round);
  if (!channels.length) return [{ step: 'send', code: 'nothing_drafted', message: `round ${round.number} has no communication yet` }];
  const blockers: Blocker[] = [];
  for (const channel of channels) {
    const c = input.communications.find((x) => x.round === round.number && x.channel === channel);
    if (c?.sentAt) continue;
    if (waitsForCustomers(input, round.number, channel))
      blockers.push({ step: 'send', code: 'customers_first', message: `${channel} waits for the round's customer email (or a recorded override)`, channel });
    else blockers.push({ step: 'send', code: 'not_sent', message: `${channel} is not sent`, channel });
  }
  return blockers;
}

export function computeFlow(input: FlowInput): FlowView {
  const round = input.rounds.at(-1) ?? null;
  const finalRound = input.rounds.find((r) => r.final) ?? null;
  const blockersOf: Record<FlowStep, Blocker[]> = {
    investigate: input.impactDetermined
      ? []
      : [
          {
            step: 'investigate',
            code: 'impact_not_determined',
            message: 'the investigation of scope and impact has not concluded (incident fact impact_determined)',
          },
        ],
    decide_scope: input.scope ? [] : [{ step: 'decide_scope', code: 'scope_not_decided', message: 'decide the communications scope and frequency' }],
    decide_medium: input.medium?.channels.length ? [] : [{ step: 'decide_medium', code: 'medium_not_decided', message: 'decide which channels to use' }],
    engage_teams: input.medium
      ? engageBlockers(input)
      : [{ step: 'engage_teams', code: 'medium_not_decided', message: 'the channels decide which teams to engage' }],
    collect_contacts: input.medium
      ? contactBlockers(input)
      : [{ step: 'collect_contacts', code: 'medium_not_decided', message: 'the channels decide which contact data is needed' }],
    produce_content: produceBlockers(input, round),
    send: sendBlockers(input, round),
    all_clear: finalRound
      ? sendBlockers(input, finalRound).map((b) => ({ ...b, step: 'all_clear' as const }))
      : [{ step: 'all_clear', code: 'final_round_not_started', message: 'the final round (all clear) has not started' }],
  };
  const done = (step: FlowStep) => blockersOf[step].length === 0;
  // Contact data and content are produced side by side: both are current once the teams are engaged.
  const firstOpen = FLOW_STEPS.findIndex((s) => !done(s));
  const stage: FlowStep = firstOpen === -1 ? 'all_clear' : FLOW_STEPS[firstOpen]!;
  const parallel = new Set<FlowStep>(stage === 'collect_contacts' || stage === 'produce_content' ? ['collect_contacts', 'produce_content'] : [stage]);
  const decisions: Partial<Record<FlowStep, { decidedBy: string; decidedAt: Date } | null>> = { decide_scope: input.scope, decide_medium: input.medium };
  const steps: FlowStepView[] = FLOW_STEPS.map((step, i) => {
    const state = done(step) ? 'done' : parallel.has(step) || i === firstOpen ? 'current' : 'pending';
    return { step, state, decidedBy: decisions[step]?.decidedBy ?? null, decidedAt: decisions[step]?.decidedAt ?? null };
  });
  const allClear = firstOpen === -1;
  const blockers = steps.filter((s) => s.state === 'current').flatMap((s) => blockersOf[s.step]);
  // Blocked: nothing in the step itself can move it; it waits on another step (the customer email).
  for (const s of steps) if (s.state === 'current' && blockersOf[s.step].every((b) => b.code === 'customers_first')) s.state = 'blocked';
  return { stage, steps, blockers, ...dueness(input, allClear), allClear };
}

function dueness(input: FlowInput, allClear: boolean): Pick<FlowView, 'nextCommunicationDue' | 'overdue' | 'overdueMinutes' | 'overdueTaskIds'> {
  const sent = input.communications.map((c) => c.sentAt?.getTime() ?? 0).filter((t) => t > 0);
  const last = sent.length ? Math.max(...sent) : null;
  const next = last !== null && input.scope && !allClear ? new Date(last + input.scope.frequencyMinutes * 60_000) : null;
  const lateBy = next ? input.now.getTime() - next.getTime() : 0;
  const overdueTaskIds = input.tasks.filter((t) => !t.doneAt && t.dueAt && t.dueAt.getTime() < input.now.getTime()).map((t) => t.id);
  return { nextCommunicationDue: next, overdue: lateBy > 0, overdueMinutes: lateBy > 0 ? Math.floor(lateBy / 60_000) : 0, overdueTaskIds };
}
