// A stakeholder rule as its form holds it (text fields as typed, the DRI as one select value) and
// back to the rule the API takes.
import type { Channel, Dri } from '../../../../src/domains/stakeholders/stakeholders.types.ts';
import type { StakeholderRule } from '../../types.ts';

export interface ContactDraft {
  name: string;
  handle: string;
  email: string;
}

export interface RuleDraft {
  /** React's key: stable while rules move and ids change. */
  key: number;
  /** Not saved yet: its id may still be edited. */
  isNew: boolean;
  id: string;
  group: string;
  contacts: ContactDraft[];
  condition: string;
  /** 'role:<on-call role>' or 'group:<stakeholder group>'. */
  dri: string;
  /** '' for the default backup. */
  backup: string;
  cadence: 'every' | 'continuous';
  minutes: string;
  channel: Channel['kind'];
  target: string;
  note: string;
}

let nextKey = 1;

export const driValue = (dri: Dri): string => (dri.kind === 'on_call_role' ? `role:${dri.role}` : `group:${dri.group}`);

function driOf(value: string): Dri {
  if (value.startsWith('role:')) return { kind: 'on_call_role', role: value.slice(5) as Extract<Dri, { kind: 'on_call_role' }>['role'] };
  return { kind: 'stakeholder_group', group: value.slice(6) };
}

export function toDraft(rule: StakeholderRule, isNew = false): RuleDraft {
  return {
    key: nextKey++,
    isNew,
    id: rule.id,
    group: rule.group,
    contacts: rule.contacts.map((c) => ({ name: c.name, handle: c.handle ?? '', email: c.email ?? '' })),
    condition: rule.condition,
    dri: driValue(rule.dri),
    backup: rule.backup ? driValue(rule.backup) : '',
    cadence: rule.cadence.kind,
    minutes: rule.cadence.kind === 'every' ? String(rule.cadence.minutes) : '60',
    channel: rule.channel.kind,
    target: rule.channel.kind === 'channel' || rule.channel.kind === 'email' ? rule.channel.target : '',
    note: rule.note ?? '',
  };
}

function channelOf(d: RuleDraft): Channel {
  if (d.channel === 'channel' || d.channel === 'email') return { kind: d.channel, target: d.target.trim() };
  return { kind: d.channel };
}

export function toRule(d: RuleDraft): StakeholderRule {
  return {
    id: d.id.trim(),
    group: d.group.trim(),
    contacts: d.contacts.map((c) => ({
      name: c.name.trim(),
      ...(c.handle.trim() ? { handle: c.handle.trim() } : {}),
      ...(c.email.trim() ? { email: c.email.trim() } : {}),
    })),
    condition: d.condition,
    dri: driOf(d.dri),
    ...(d.backup ? { backup: driOf(d.backup) } : {}),
    cadence: d.cadence === 'every' ? { kind: 'every', minutes: Math.round(Number(d.minutes)) } : { kind: 'continuous' },
    channel: channelOf(d),
    ...(d.note.trim() ? { note: d.note.trim() } : {}),
  };
}

/** A new rule at the end of the list, with an id no other rule has. */
export function newRule(taken: readonly string[]): RuleDraft {
  let n = taken.length + 1;
  while (taken.includes(`new-rule-${n}`)) n++;
  return toDraft(
    {
      id: `new-rule-${n}`,
      group: '',
      contacts: [],
      condition: '',
      dri: { kind: 'on_call_role', role: 'incident_manager' },
      cadence: { kind: 'every', minutes: 60 },
      channel: { kind: 'incident_channel' },
    },
    true,
  );
}
