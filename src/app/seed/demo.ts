// Seeds the demo: a team sets secdesk up and works an ordinary week, through the same services the
// product uses, in the order the team would. Every ticket comes from real MIME through mail intake,
// every disposition, SLA due time, engagement, compliance request, incident role and stakeholder
// engagement from the services' own rules.
//
// Time: the services read "now" from their clock, so the seed builds its own set of services over
// the same database on a story clock that steps through the past week (what happened 75 hours ago
// happens at that time, audit entries included). Jobs those services queue are held until the story
// ends and then queued on the app's real queue (their start times are absolute), so no job runs
// against a half-told story. Mail the story sends goes to a sink, never to a relay: the requesters
// are fictional. The demo people get random passwords that are never shown.
import type { App } from '../app.ts';
import { createServices, type Services } from '../services.ts';
import { createTransactor, type Store } from '../../adapters/db/store.ts';
import { createCalendar } from '../../domains/calendar/calendar.ts';
import type { ActionContext, Clock } from '../../domains/context.ts';
import { messageId, servedUrl } from '../../domains/mail/mail-identity.ts';
import type { MailSender } from '../../domains/mail/replies.service.ts';
import { TIMELINE_MIRROR_QUEUE } from '../../domains/chat/incident-channel.ts';
import { EventSubscriptions } from '../../domains/events.ts';
import { OUTBOX_QUEUES } from '../legacy-outbox.ts';
import type { OnCallRole } from '../../domains/oncall/oncall-roles.ts';
import type { JobOptions, JobSender, Transactor } from '../../domains/ports.ts';
import type { Config } from '../../config/config.ts';
import {
  DEMO_CUSTOMERS_CSV,
  DEMO_STAKEHOLDERS,
  DEMO_ENCRYPTION_NOTE,
  DEMO_ENGAGE_QUESTION,
  DEMO_HAND_OVER,
  DEMO_INCIDENT,
  DEMO_MAIL,
  DEMO_PEOPLE,
  DEMO_ROTATIONS,
  DEMO_SIGN_IN_REPLY,
  DEMO_STATUS_COMPONENTS,
  DEMO_STATUS_UPDATE,
  DEMO_TEAM,
  demoEmail,
  type DemoMail,
  type DemoPerson,
} from './demo-data.ts';
import { demoMime, demoReportPdf } from './demo-files.ts';
import { arrivalAtRisk, arrivalBreached, hoursBefore, queuedBeforeNextRun } from './demo-times.ts';
import { publicIncidentText } from '../../domains/statuspage/public-text.ts';

const SEED: ActionContext = { actor: { kind: 'system', userId: null, label: 'demo seed', roles: [] } };
const DAY_MS = 86_400_000;

/** The demo's outgoing relay: accepts every message and keeps none. */
const DEMO_RELAY: MailSender = { async send() {} };

/** A clock the story moves forward, step by step; never backwards, never past the real now. */
class StoryClock implements Clock {
  #at: Date;
  readonly #end: Date;
  constructor(start: Date, end: Date) {
    this.#at = start;
    this.#end = end;
  }
  now(): Date {
    return this.#at;
  }
  moveTo(at: Date): void {
    if (at < this.#at || at > this.#end) throw new Error(`the demo story cannot move its clock to ${at.toISOString()}`);
    this.#at = at;
  }
}

interface HeldJob {
  queue: string;
  data: object;
  options: JobOptions | undefined;
}

/** Jobs of the story: held while it is told; a rolled-back transaction's jobs are dropped. */
class HeldJobs {
  jobs: HeldJob[] = [];
  readonly sender: JobSender = {
    send: async (queue, data, options) => {
      this.jobs.push({ queue, data, options });
      return null;
    },
  };
  take(queue: string): HeldJob[] {
    const taken = this.jobs.filter((j) => j.queue === queue);
    this.jobs = this.jobs.filter((j) => j.queue !== queue);
    return taken;
  }
}

function storyStore(app: App, clock: Clock, held: HeldJobs, subscriptions: EventSubscriptions): Transactor<Store> {
  const base = createTransactor(app.database.db, { clock, jobsFor: () => held.sender, subscriptions });
  return {
    read: base.read,
    async transaction(work) {
      const mark = held.jobs.length;
      try {
        return await base.transaction(work);
      } catch (err) {
        held.jobs.length = mark;
        throw err;
      }
    },
  };
}

/**
 * The incident channel's mirror and the outbox, run by their declared workers as the story goes (the
 * mirror first: it queues the mail to groups engaged by email); the mail goes to the demo's sink.
 */
async function runHeldMail(services: Services, held: HeldJobs): Promise<void> {
  const declared = new Map(services.domainJobs.flatMap((d) => d.jobs).map((j) => [j.queue, j]));
  for (const queue of [TIMELINE_MIRROR_QUEUE, ...OUTBOX_QUEUES]) {
    for (const { data } of held.take(queue)) await declared.get(queue)!.handle(data as never, { retryCount: 0, lastAttempt: true });
  }
}

/** The story's services: the app's configuration, with links built on the address the demo is served at. */
function storyConfig(config: Config): Config {
  return { ...config, SECDESK_PUBLIC_URL: config.SECDESK_PUBLIC_URL ?? servedUrl(config.HOST, config.PORT) };
}

/** Seeds the demo people, rotations, inbox and incident; with onlyIfEmpty, does nothing (null) when tickets exist. */
export async function seedDemo(app: App, options: { onlyIfEmpty: boolean }): Promise<{ tickets: number; incidents: number } | null> {
  if (options.onlyIfEmpty && (await app.store.read.tickets.count()) > 0) return null;
  const now = app.clock.now();
  const clock = new StoryClock(new Date(now.getTime() - 14 * DAY_MS), now);
  const held = new HeldJobs();
  const config = storyConfig(app.config);
  const subscriptions = new EventSubscriptions();
  const services = createServices({
    config,
    clock,
    logger: app.logger,
    store: storyStore(app, clock, held, subscriptions),
    jobs: app.jobs,
    subscriptions,
    sender: DEMO_RELAY,
  });
  const story = new DemoStory(services, config, clock, now);
  for (const step of story.steps()) {
    clock.moveTo(step.at);
    await step.run();
    await runHeldMail(services, held);
  }
  for (const job of held.jobs) await app.store.read.jobs.send(job.queue, job.data, job.options);
  app.services.statusPageChanges.emit();
  return { tickets: story.tickets.size, incidents: 1 };
}

interface Step {
  at: Date;
  run(): Promise<void>;
}

/** The week, as steps at their times (run oldest first; steps at the same time in the order written). */
class DemoStory {
  readonly tickets = new Map<keyof typeof DEMO_MAIL, string>();
  readonly #services: Services;
  readonly #config: Config;
  readonly #now: Date;
  readonly #people = new Map<DemoPerson['key'], ActionContext>();
  readonly #roleHolders = new Map<OnCallRole, ActionContext>();
  readonly #answered = new Map<keyof typeof DEMO_MAIL, { messageId: string; subject: string }>();
  readonly #clock: Clock;
  #incidentId = '';

  constructor(services: Services, config: Config, clock: Clock, now: Date) {
    this.#services = services;
    this.#config = config;
    this.#clock = clock;
    this.#now = now;
  }

  steps(): Step[] {
    const s = this.#services;
    const now = this.#now;
    const calendar = createCalendar();
    const ago = (hours: number) => hoursBefore(now, hours);
    const later = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);
    const dana = () => this.#as('dana');
    const steps: Step[] = [];
    const at = (when: Date, run: () => Promise<unknown>) => steps.push({ at: when, run: async () => void (await run()) });

    // The team sets secdesk up two weeks before.
    at(ago(14 * 24), () => this.#setUp());

    // Lena asks whether a sign-in notice is genuine; Dana answers, Lena thanks her, Dana solves it again.
    at(ago(75), () => this.#arrive('signIn'));
    at(ago(70), () =>
      s.dispositions
        .handle(dana(), this.#ticket('signIn'), { kind: 'reply', body: DEMO_SIGN_IN_REPLY })
        .then((r) => this.#answered.set('signIn', { messageId: r.messageIds[0]!, subject: r.mails[0]!.subject })),
    );
    at(ago(66), () => this.#arrive('signInThanks', 'signIn'));
    at(ago(65.5), () => s.ticketChanges.update(dana(), this.#ticket('signIn'), { status: 'solved', tags: ['account', 'question'] }));

    // Acme Financial's SOC 2 request: verified against the customer directory and queued for the next delivery day.
    at(ago(52), () => this.#arrive('soc2'));
    at(queuedBeforeNextRun(calendar, this.#config.SECDESK_COMPLIANCE_DELIVERY_TIME, ago(30), now), async () => {
      await s.ticketChanges.update(dana(), this.#ticket('soc2'), { organisation: 'Acme Financial', tags: ['compliance'] });
      await s.dispositions.handle(dana(), this.#ticket('soc2'), { kind: 'compliance_request', reports: ['soc2', 'pentest'] });
    });

    // Tom's question waits on Infrastructure: it breached its first-handling target two business hours ago.
    // Nobody took it, so the breach alert reaches everyone who works tickets (the newcomer's bell too).
    const encryption = arrivalBreached(calendar, now, 120);
    at(encryption, () => this.#arrive('encryption'));
    at(later(encryption, 40), () =>
      s.ticketChanges.update(dana(), this.#ticket('encryption'), { status: 'open', organisation: 'Bright Labs', tags: ['question'] }),
    );
    at(ago(6), () => s.ticketChanges.addNote(dana(), this.#ticket('encryption'), DEMO_ENCRYPTION_NOTE));

    // The DMCA notice is being looked at and falls due within the warning lead (when the calendar allows).
    const dmca = arrivalAtRisk(calendar, now, 90, this.#config.SECDESK_SLA_WARN_MINUTES * 60_000, 21);
    at(dmca, () => this.#arrive('dmca'));
    at(later(dmca, 25), () =>
      s.ticketChanges.update(dana(), this.#ticket('dmca'), {
        status: 'open',
        assigneeId: this.#userId('dana'),
        organisation: 'Northwind Learning',
        tags: ['copyright'],
      }),
    );

    // Daniel's 2FA lockout goes to Support with his original message.
    at(ago(15), () => this.#arrive('lockout'));
    at(ago(14), () => s.dispositions.handle(dana(), this.#ticket('lockout'), { kind: 'redirect:support' }));

    // Samir's report: Security Operations is engaged, then the incident is declared from the ticket.
    at(ago(10), () => this.#arrive('apiKey'));
    at(ago(8), async () => {
      const teams = await s.teams.list(dana());
      const team = teams.find((t) => t.name === DEMO_TEAM.name)!;
      await s.ticketChanges.update(dana(), this.#ticket('apiKey'), { tags: ['vulnerability', 'incident'] });
      await s.dispositions.handle(dana(), this.#ticket('apiKey'), { kind: 'engage', teamId: team.id, question: DEMO_ENGAGE_QUESTION });
    });
    at(ago(7), () => this.#declareIncident());
    at(ago(6.9), () => s.incidents.change(this.#role('incident_manager'), this.#incidentId, { status: 'investigating' }));
    for (const note of DEMO_INCIDENT.notes) {
      at(ago(note.hoursAgo), () => s.incidents.addNote(this.#role(note.by), this.#incidentId, { at: ago(note.hoursAgo), text: note.text }));
    }
    // Stakeholder updates on the plan's hourly cadence, the last one a quarter of an hour ago.
    for (const [i, hours] of [6.25, 5.25, 4.25, 3.25, 2.25, 1.25, 0.25].entries()) {
      at(ago(hours), () => s.incidentUpdates.publish(this.#role('incident_manager'), this.#incidentId, { fields: this.#statusUpdate(i, hours) }));
    }
    at(ago(3.75), () =>
      s.statusPage.publishIncidentUpdate(this.#role('communications_manager'), {
        incidentId: this.#incidentId,
        status: 'investigating',
        componentState: 'degraded_performance',
        componentSlugs: DEMO_STATUS_UPDATE.componentSlugs,
        text: publicIncidentText(DEMO_STATUS_UPDATE),
      }),
    );

    // The newest mail: Mira's vulnerability report and spam, nobody has looked at them yet.
    at(ago(4), () => this.#arrive('xss'));
    at(ago(2), () => this.#arrive('spam'));

    return steps
      .map((step, i) => ({ step, i }))
      .sort((a, b) => a.step.at.getTime() - b.step.at.getTime() || a.i - b.i)
      .map((x) => x.step);
  }

  async #setUp(): Promise<void> {
    const s = this.#services;
    for (const person of DEMO_PEOPLE) {
      const email = demoEmail(person);
      const existing = (await s.users.list(SEED, 500, null)).items.find((u) => u.email === email);
      // No password given: a random one is made and dropped here, so nobody can sign in as a demo person until an admin resets it.
      const user = existing ?? (await s.users.create(SEED, { email, name: person.name, roles: person.roles })).user;
      this.#people.set(person.key, { actor: { kind: 'user', userId: user.id, label: `${user.email} (demo seed)`, roles: user.roles } });
    }
    const startDate = createCalendar().dateOf(new Date(this.#now.getTime() - 28 * DAY_MS));
    for (const rotation of DEMO_ROTATIONS) {
      await s.oncall.save(SEED, rotation.role, {
        name: rotation.name,
        timeZone: createCalendar().settings.timeZone,
        handOver: DEMO_HAND_OVER,
        startDate,
        participants: rotation.people.map((key) => this.#userId(key)),
        overrides: [],
      });
    }
    const team = (await s.teams.list(SEED)).find((t) => t.name === DEMO_TEAM.name);
    if (team)
      await s.teams.update(SEED, team.id, {
        ownerId: this.#userId(DEMO_TEAM.owner),
        notifyAddress: DEMO_TEAM.notifyAddress,
        cadenceHours: DEMO_TEAM.cadenceHours,
      });
    // No chat yet: each stakeholder group is a named contact reached by mail.
    const rules = await s.stakeholderRules.list(SEED);
    await s.stakeholderRules.save(
      SEED,
      rules.map((rule) => {
        const contact = DEMO_STAKEHOLDERS[rule.id];
        return contact ? { ...rule, contacts: [contact], channel: { kind: 'email' as const, target: contact.email } } : rule;
      }),
    );
    await s.compliance.importCustomers(SEED, DEMO_CUSTOMERS_CSV);
    await s.compliance.uploadReport(SEED, 'soc2', 'SOC 2 Type 2 report (demo).pdf', demoReportPdf('SOC 2 Type 2 report - a demo file, not a real report'));
    await s.compliance.uploadReport(
      SEED,
      'pentest',
      'Penetration test summary (demo).pdf',
      demoReportPdf('Penetration test summary - a demo file, not a real report'),
    );
    const existing = new Set((await s.statusComponents.list(SEED)).map((c) => c.slug));
    for (const [position, component] of DEMO_STATUS_COMPONENTS.entries()) {
      if (!existing.has(component.slug)) await s.statusComponents.create(SEED, { ...component, position });
    }
  }

  /** Mail arrives as an SMTP client would deliver it, through the intake, handed in by the seed. */
  async #arrive(key: keyof typeof DEMO_MAIL, answers?: keyof typeof DEMO_MAIL): Promise<void> {
    const mail: DemoMail = DEMO_MAIL[key];
    const thread = answers ? this.#answered.get(answers) : undefined;
    const subject = thread ? (/^re:/i.test(thread.subject) ? thread.subject : `Re: ${thread.subject}`) : mail.subject;
    const raw = await demoMime(
      { ...mail, subject },
      { to: this.#config.SECDESK_INBOX_ADDRESS, date: this.#clock.now(), messageId: messageId(mail.from.address), inReplyTo: thread?.messageId },
    );
    const result = await this.#services.mailIntake.receive(raw, 'import', { by: SEED });
    if (!answers) this.tickets.set(key, result.ticketId);
  }

  async #declareIncident(): Promise<void> {
    const s = this.#services;
    // Whoever the Security Engineer rotation has on call declares it, as the plan says.
    const seoc = (await s.oncall.rotation(SEED, 'security_engineer')).onCall;
    const declarer = [...this.#people.values()].find((ctx) => ctx.actor.userId === seoc?.person.id) ?? this.#as('alex');
    const incident = await s.incidents.declare(declarer, {
      title: DEMO_INCIDENT.title,
      description: DEMO_INCIDENT.description,
      type: DEMO_INCIDENT.type,
      impact: DEMO_INCIDENT.impact,
      likelihood: DEMO_INCIDENT.likelihood,
      facts: DEMO_INCIDENT.facts,
      ticketId: this.#ticket('apiKey'),
    });
    this.#incidentId = incident.id;
    for (const holder of incident.roles) {
      const ctx = [...this.#people.values()].find((c) => c.actor.userId === holder.userId);
      if (ctx) this.#roleHolders.set(holder.role, ctx);
    }
  }

  #statusUpdate(i: number, hoursAgo: number) {
    const notes = DEMO_INCIDENT.notes.filter((n) => n.hoursAgo > hoursAgo);
    const mitigated = notes.some((n) => n.text.startsWith('Mitigation'));
    return {
      currentRisk: 'High (impact 4, likelihood 3)',
      usersImpacted: 'some',
      timelineOfEvents: ['Reported through the security inbox; incident declared.', ...notes.map((n) => n.text)].map((line) => `- ${line}`).join('\n'),
      mitigationSteps: mitigated ? 'Masking hotfix deployed; affected job logs hidden from public view.' : 'None yet: reproducing and scoping.',
      currentStatus:
        i === 0
          ? 'Investigating: reproducing the leak.'
          : mitigated
            ? 'Mitigated for new jobs; identifying exposed credentials.'
            : 'Investigating: scoping affected projects.',
      nextSteps: mitigated
        ? 'Notify owners of the 38 projects to rotate credentials; prepare customer notification.'
        : 'Confirm the root cause and hide affected logs.',
    };
  }

  #as(key: DemoPerson['key']): ActionContext {
    const ctx = this.#people.get(key);
    if (!ctx) throw new Error(`demo person ${key} is not set up yet`);
    return ctx;
  }

  #userId(key: DemoPerson['key']): string {
    return this.#as(key).actor.userId!;
  }

  #role(role: OnCallRole): ActionContext {
    const ctx = this.#roleHolders.get(role);
    if (!ctx) throw new Error(`nobody holds ${role} on the demo incident`);
    return ctx;
  }

  #ticket(key: keyof typeof DEMO_MAIL): string {
    const id = this.tickets.get(key);
    if (!id) throw new Error(`the demo ticket ${key} has not arrived yet`);
    return id;
  }
}
