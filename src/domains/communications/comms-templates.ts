// Filling a channel's template (key `comms.<channel>`) with the incident's facts. A placeholder
// without a value is refused with its position, never left as a gap; a placeholder naming an
// internal-only fact is refused too, since every channel is public content.
import { factCatalogue } from '../incidents/fact-catalogue.ts';
import type { IncidentRecord } from '../incidents/incidents.types.ts';
import type { RiskMatrix } from '../incidents/risk-matrix.ts';
import { COMMS_VARIABLES } from '../templates/catalogue.ts';
import { render, type PlaceholderProblem } from '../templates/render.ts';
import { placeholderError } from '../templates/templates.service.ts';

export interface CommsTemplateSettings {
  teamName: string;
  securityAddress: string;
}

export function formatWhen(at: Date): string {
  const day = at.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${day} ${time} UTC`;
}

export function commsValues(
  incident: IncidentRecord,
  matrix: RiskMatrix,
  settings: CommsTemplateSettings,
  plan: { nextUpdate: Date | null; blogUrl: string | null; publicTitle?: string | null },
): Record<string, string | null> {
  const facts = { ...incident.facts, impact: incident.impact, likelihood: incident.likelihood, type: incident.type };
  const values: Record<string, string | null> = {
    'incident.number': String(incident.number),
    'incident.title': incident.title,
    'incident.public_title': plan.publicTitle ?? null,
    'incident.status': incident.status,
    'comms.next_update': plan.nextUpdate ? formatWhen(plan.nextUpdate) : null,
    'blog.url': plan.blogUrl,
    'team.name': settings.teamName,
    'security.address': settings.securityAddress,
  };
  for (const field of factCatalogue(matrix).fields) {
    const value = field.read(facts);
    if (field.type.kind === 'boolean' && 'yes' in field) values[`fact.${field.name}`] = value ? field.yes : field.no;
    else if (field.type.kind === 'enum') values[`fact.${field.name}`] = field.type.values.find((v) => v.value === value)?.label ?? String(value);
  }
  return values;
}

function internalProblems(text: string, internal: readonly string[]): PlaceholderProblem[] {
  const problems: PlaceholderProblem[] = [];
  for (const m of text.matchAll(/\{\{\s*incident\.title\s*\}\}/g)) {
    const before = text.slice(0, m.index);
    problems.push({
      placeholder: m[0],
      line: before.split('\n').length,
      column: m.index - before.lastIndexOf('\n'),
      problem: 'unknown',
      message: "incident.title is the incident's internal title: public content uses {{incident.public_title}}, decided with the scope",
    });
  }
  for (const m of text.matchAll(/\{\{\s*fact\.([a-z_]+)\s*\}\}/g)) {
    if (!internal.includes(m[1]!)) continue;
    const before = text.slice(0, m.index);
    problems.push({
      placeholder: m[0],
      line: before.split('\n').length,
      column: m.index - before.lastIndexOf('\n'),
      problem: 'unknown',
      message: `${m[1]} is an internal-only fact: public content may not use it`,
    });
  }
  return problems;
}

/**
 * Renders subject and body; throws a ValidationError listing every problem with part, line and column.
 * `recipient`: placeholders the fan-out fills per recipient (an email channel's {{first_name}}, the
 * list's {{region}}): known here, and kept as they are for the send.
 */
export function renderComms(
  template: { subject: string; body: string },
  values: Record<string, string | null>,
  matrix: RiskMatrix,
  recipient: readonly string[] = [],
): { subject: string; body: string } {
  const internal = factCatalogue(matrix)
    .fields.filter((f) => f.internal)
    .map((f) => f.name);
  const known = [...COMMS_VARIABLES, ...recipient];
  const all = { ...values, ...Object.fromEntries(recipient.map((name) => [name, `{{${name}}}`])) };
  const subject = render(template.subject, known, all);
  const body = render(template.body, known, all);
  const forIncident = (ps: PlaceholderProblem[]) =>
    ps.map((p) =>
      p.problem !== 'missing'
        ? p
        : /incident\.public_title/.test(p.placeholder)
          ? { ...p, message: 'has no value yet: decide the public title under Scope & frequency' }
          : { ...p, message: 'has no value for this incident yet' },
    );
  const subjectProblems = [...forIncident(subject.problems), ...internalProblems(template.subject, internal)];
  const bodyProblems = [...forIncident(body.problems), ...internalProblems(template.body, internal)];
  if (subjectProblems.length || bodyProblems.length)
    throw placeholderError([
      { part: 'subject', problems: subjectProblems },
      { part: 'body', problems: bodyProblems },
    ]);
  return { subject: subject.text.replace(/[\r\n]+/g, ' ').trim(), body: body.text };
}
