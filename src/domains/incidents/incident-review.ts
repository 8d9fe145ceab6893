// The post-incident review: a Markdown document generated from the incident — summary, facts,
// roles and their hand-overs, the timeline, status updates, engagements with their on-time, late
// and missed counts, and open questions for the team to fill in. Every piece of user text is
// escaped, so a title or note cannot add headings, links, HTML or table cells.
import type { Incident } from './incidents.types.ts';
import { FIELD_LABELS, STATUS_UPDATE_FIELDS, type StatusUpdate } from './status-update.ts';

/** One line of literal text: every ASCII punctuation mark backslash-escaped (CommonMark allows it for all). */
export function mdText(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/** A block of literal text, line breaks kept, as a quotation (no line can start a heading, list or code block). */
function mdBlock(text: string): string[] {
  return text.split(/\r?\n/).map((line) => `> ${mdText(line.trim())}`);
}

const iso = (d: Date | null) => (d ? d.toISOString() : '—');
const yes = (b: boolean) => (b ? 'yes' : 'no');

function summary(incident: Incident): string[] {
  return [
    `# Post-incident review: incident #${incident.number}: ${mdText(incident.title)}`,
    '',
    '## Summary',
    '',
    `- Type: ${mdText(incident.type)}`,
    `- Status: ${incident.status}`,
    `- Risk: ${mdText(incident.risk.label)} (score ${incident.risk.score}: impact ${incident.impact} × likelihood ${incident.likelihood})`,
    `- Visibility: ${incident.visibility}`,
    `- Declared: ${iso(incident.declaredAt)}`,
    '',
    ...(incident.description.trim() ? mdBlock(incident.description) : ['_No description._']),
    '',
  ];
}

function facts(incident: Incident): string[] {
  const rows = Object.entries(incident.facts).map(
    ([name, value]) => `| ${mdText(name)} | ${typeof value === 'boolean' ? yes(value) : mdText(String(value))} |`,
  );
  return ['## Facts', '', '| Fact | Value |', '| --- | --- |', ...rows, ''];
}

function roles(incident: Incident): string[] {
  const holders = incident.roles.map((r) => `- ${r.label}: ${r.name ? `${mdText(r.name)} (since ${iso(r.since)})` : r.since ? 'unfilled' : 'not engaged'}`);
  const handOvers = incident.timeline.filter((e) => e.kind === 'role_handed_over' || e.kind === 'role_filled' || e.kind === 'role_unfilled');
  return [
    '## Roles and hand-overs',
    '',
    ...holders,
    '',
    ...(handOvers.length ? handOvers.map((e) => `- ${e.at.toISOString()}: ${mdText(e.summary)} (by ${mdText(e.actorLabel)})`) : ['_No hand-overs._']),
    '',
    `Responders: ${incident.responders.length ? incident.responders.map((r) => mdText(r.name)).join(', ') : 'none named'}.`,
    '',
  ];
}

function timeline(incident: Incident): string[] {
  const rows = incident.timeline.map((e) => `| ${e.at.toISOString()} | ${mdText(e.kind)} | ${mdText(e.summary)} | ${mdText(e.actorLabel)} |`);
  return ['## Timeline', '', '| When (UTC) | Kind | What | By |', '| --- | --- | --- | --- |', ...rows, ''];
}

function updates(list: readonly StatusUpdate[]): string[] {
  if (list.length === 0) return ['## Status updates', '', '_No status updates were published._', ''];
  return [
    '## Status updates',
    '',
    ...list.flatMap((u) => [
      `### Update #${u.number}, ${u.publishedAt.toISOString()} by ${mdText(u.authorLabel)}`,
      '',
      ...STATUS_UPDATE_FIELDS.flatMap((f) => [`**${mdText(FIELD_LABELS[f])}**`, '', ...mdBlock(u[f]), '']),
    ]),
  ];
}

function engagements(incident: Incident): string[] {
  const c = incident.updateCounts;
  const rows = incident.engagements.map((e) => {
    const holder = e.driRole ? incident.roles.find((r) => r.role === e.driRole)?.name : null;
    const dri = holder ? `${e.driLabel} (${holder})` : e.driLabel;
    return `| ${mdText(e.group)} | ${mdText(dri)} | ${mdText(e.howOften)} | ${e.engagedAt.toISOString()} | ${iso(e.endedAt)} | ${e.onTime} | ${e.late} | ${e.missed} |`;
  });
  return [
    '## Stakeholder engagements',
    '',
    `Updates: ${c.onTime} on time, ${c.late} late, ${c.missed} missed; ${c.escalations} escalations.`,
    '',
    ...(rows.length
      ? ['| Group | DRI | How often | Engaged | Ended | On time | Late | Missed |', '| --- | --- | --- | --- | --- | --- | --- | --- |', ...rows]
      : ['_No stakeholder group was engaged._']),
    '',
  ];
}

const QUESTIONS = [
  'What went well?',
  'What went wrong, and what made it worse?',
  'Where were we lucky?',
  'Root cause and contributing factors',
  'Were stakeholder updates on time? If not, why not?',
  'Action items (owner, due date)',
];

/** `sections`: more sections from other domains (e.g. regulatory deadlines), before the open questions. */
export function reviewAsMarkdown(incident: Incident, statusUpdates: readonly StatusUpdate[], sections: readonly string[] = []): string {
  return [
    ...summary(incident),
    ...facts(incident),
    ...roles(incident),
    ...timeline(incident),
    ...updates(statusUpdates),
    ...engagements(incident),
    ...sections,
    '## Open questions',
    '',
    '_For the team to fill in._',
    '',
    ...QUESTIONS.flatMap((q) => [`### ${q}`, '', '- ', '']),
  ].join('\n');
}
