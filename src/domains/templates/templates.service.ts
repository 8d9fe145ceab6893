// Templates: list and read them (with their versions), save a new version (admins), preview one
// with a ticket's real values, and render one for sending. A template is checked against its
// placeholder catalogue when saved and again when rendered for sending; problems are refused with
// the placeholder's name and position.
import { authorize, SYSTEM_ACTOR } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { SUBJECT_MAX, TEMPLATE_BODY_MAX } from '../limits.ts';
import type { Transactor } from '../ports.ts';
import type { TicketSummary } from '../tickets/tickets.types.ts';
import { DEFAULT_TEMPLATES, definitionOf, VARIABLES, type Variable } from './catalogue.ts';
import { check, describeProblems, render, type PlaceholderProblem } from './render.ts';
import type { TemplatesStore } from './templates.ports.ts';
import type { MessageTemplate, MessageTemplateWithVersions, RenderedTemplate, TemplateSettings, TemplateVersion } from './templates.types.ts';

const MAX_NAME = 120;

/** The ticket facts placeholders use. */
export type TicketFacts = Pick<TicketSummary, 'number' | 'subject' | 'requester' | 'organisation'>;

/** A refusal that lists every problem, each with its part (subject or body), placeholder and position. */
export function placeholderError(problems: { part: 'subject' | 'body'; problems: PlaceholderProblem[] }[]): ValidationError {
  const message = problems
    .filter((p) => p.problems.length)
    .map((p) => describeProblems(p.part, p.problems))
    .join('; ');
  return new ValidationError(
    `the template cannot be used: ${message}`,
    problems.flatMap((p) => p.problems.map((x) => ({ part: p.part, ...x }))),
  );
}

export function templateValues(settings: TemplateSettings, ticket: TicketFacts): Partial<Record<Variable, string | null>> {
  return {
    'requester.name': ticket.requester.name || ticket.requester.email,
    'requester.email': ticket.requester.email,
    'requester.organisation': ticket.organisation,
    'ticket.number': String(ticket.number),
    'ticket.subject': ticket.subject,
    'team.name': settings.teamName,
    'security.address': settings.securityAddress,
    'support.address': settings.supportAddress,
    'programme.url': settings.programmeUrl,
    'disclosure_policy.url': settings.disclosurePolicyUrl,
    'dmca.address': settings.dmcaAddress,
    'dmca_policy.url': settings.dmcaPolicyUrl,
  };
}

/** Example values for previewing a template without a ticket. */
const SAMPLE_TICKET: TicketFacts = {
  number: 1234,
  subject: 'Example subject',
  requester: { email: 'requester@example.org', name: 'Alex Example' },
  organisation: 'Example Org',
};
/** Example values of the placeholders that come from the handling rather than the ticket (compliance requests). */
const SAMPLE_EXTRA: Record<string, string> = {
  'reports.list': 'SOC 2 report',
  'customer.name': 'Example Org',
  'delivery.date': 'Monday, 30 November 2026',
  'compliance.reason': 'we could not find example.org among our customers',
  'download.links': 'SOC 2 report:\n  https://secdesk.example/compliance/download/example-link',
  'download.expires': 'Monday, 7 December 2026',
  'incident.number': '42',
  'incident.title': 'Example incident',
  'incident.status': 'investigating',
  'comms.next_update': 'Monday, 30 November 2026 16:00 UTC',
  'blog.url': 'https://example.com/blog/example-incident',
  'fact.impact': 'high',
  'fact.users_impacted': 'some',
  'fact.type': 'data breach',
  'fact.data_breach': 'there is a data breach',
  'fact.personal_data_exposed': 'no personal data is exposed',
  'fact.private_projects_exposed': 'no private projects are exposed',
  'fact.financial_information_exposed': 'no financial information is exposed',
  'fact.rce_exploited': 'no RCE has evidence of exploitation',
  'fact.publicly_reported': 'the incident has not been publicly reported',
  'fact.regulatory_duty': 'there is no regulatory duty to announce',
  'fact.enterprise_customers_impacted': 'no enterprise (self-managed) customers are impacted',
  'fact.impact_determined': 'the full impact has been determined',
};

export class TemplatesService {
  readonly #store: Transactor<TemplatesStore>;
  readonly #clock: Clock;
  readonly #settings: TemplateSettings;

  constructor(deps: { store: Transactor<TemplatesStore>; clock: Clock; templateSettings: TemplateSettings }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#settings = deps.templateSettings;
  }

  /**
   * Saves the default of every template that has none yet (at start; idempotent, safe with several
   * processes). Like a migration it is set-up, not an action: version 1 records 'secdesk' as its author.
   */
  async seedDefaults(): Promise<void> {
    const now = this.#clock.now();
    for (const t of DEFAULT_TEMPLATES) {
      await this.#store.transaction((s) =>
        s.templates.seed(t.key, { name: t.name, subject: t.subject, body: t.body, createdById: null, createdBy: SYSTEM_ACTOR.label }, now),
      );
    }
  }

  async list(ctx: ActionContext): Promise<MessageTemplate[]> {
    authorize(ctx.actor, 'tickets.write');
    const current = await this.#store.read.templates.listCurrent();
    return current.map((v) => this.#describe(v));
  }

  async get(ctx: ActionContext, key: string): Promise<MessageTemplateWithVersions> {
    authorize(ctx.actor, 'tickets.write');
    const versions = await this.#store.read.templates.versions(key);
    if (!versions[0]) throw new NotFoundError('template');
    return { ...this.#describe(versions[0]), versions };
  }

  async save(ctx: ActionContext, key: string, input: { name: string; subject: string; body: string }): Promise<TemplateVersion> {
    authorize(ctx.actor, 'templates.manage');
    const definition = definitionOf(key);
    if (!definition)
      throw new ValidationError(`no template ${key}: the keys are ${DEFAULT_TEMPLATES.map((t) => t.key).join(', ')}, or reply.<name> for a further reply`);
    const name = input.name.replace(/[\r\n\t]+/g, ' ').trim();
    const subject = input.subject.replace(/[\r\n]+/g, ' ').trim();
    const body = input.body.replace(/\r\n/g, '\n').trim();
    if (!name || name.length > MAX_NAME) throw new ValidationError(`a template needs a name of at most ${MAX_NAME} characters`);
    if (!subject || subject.length > SUBJECT_MAX) throw new ValidationError(`a template needs a subject of at most ${SUBJECT_MAX} characters`);
    if (!body || body.length > TEMPLATE_BODY_MAX) throw new ValidationError(`a template needs a body of at most ${TEMPLATE_BODY_MAX} characters`);
    const problems = [
      { part: 'subject' as const, problems: check(subject, definition.variables) },
      { part: 'body' as const, problems: check(body, definition.variables) },
    ];
    if (problems.some((p) => p.problems.length)) throw placeholderError(problems);
    const now = this.#clock.now();
    const version = await this.#store.transaction(async (s) => {
      const number = await s.templates.addVersion(key, { name, subject, body, createdById: ctx.actor.userId, createdBy: ctx.actor.label }, now);
      await s.audit.append(ctx, { action: 'template.saved', entityType: 'template', entityId: null, after: { key, version: number, name } });
      return number;
    });
    return { key, version, name, subject, body, createdAt: now, createdBy: ctx.actor.label };
  }

  /** Renders a template (or unsaved text for it) with a ticket's values, or with example values. */
  async preview(
    ctx: ActionContext,
    key: string,
    input: { subject?: string | undefined; body?: string | undefined; ticket: TicketFacts | null },
  ): Promise<RenderedTemplate> {
    authorize(ctx.actor, 'tickets.write');
    const current = await this.#store.read.templates.current(key);
    if (!current) throw new NotFoundError('template');
    const draft = { ...current, subject: input.subject ?? current.subject, body: input.body ?? current.body };
    return this.renderVersion(draft, input.ticket ?? SAMPLE_TICKET, SAMPLE_EXTRA);
  }

  /** The current version of a template rendered for a ticket; throws with every problem. Reads through `store` (a transaction's). */
  async renderCurrent(store: TemplatesStore, key: string, ticket: TicketFacts, extra: Readonly<Record<string, string>> = {}): Promise<RenderedTemplate> {
    const current = await store.templates.current(key);
    if (!current) throw new ValidationError(`no template ${key}`);
    return this.renderVersion(current, ticket, extra);
  }

  /** `extra`: values that come from the handling rather than the ticket (e.g. a delivery date). */
  renderVersion(
    version: Pick<TemplateVersion, 'key' | 'version' | 'name' | 'subject' | 'body'>,
    ticket: TicketFacts,
    extra: Readonly<Record<string, string>> = {},
  ): RenderedTemplate {
    const variables = definitionOf(version.key)?.variables ?? [];
    const values = { ...templateValues(this.#settings, ticket), ...extra };
    const subject = render(version.subject, variables, values);
    const body = render(version.body, variables, values);
    if (subject.problems.length || body.problems.length)
      throw placeholderError([
        { part: 'subject', problems: subject.problems },
        { part: 'body', problems: body.problems },
      ]);
    return {
      subject: subject.text.replace(/[\r\n]+/g, ' ').trim(),
      body: body.text,
      template: { key: version.key, version: version.version, name: version.name },
    };
  }

  #describe(v: TemplateVersion): MessageTemplate {
    const definition = DEFAULT_TEMPLATES.find((t) => t.key === v.key);
    const variables = definitionOf(v.key)?.variables ?? [];
    return {
      key: v.key,
      purpose: definition?.purpose ?? 'A further reply to the requester.',
      variables: variables.map((name) => ({ name, description: VARIABLES[name] })),
      current: v,
    };
  }
}
