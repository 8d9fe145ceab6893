// The metrics dashboard: a list of sources, each giving its sections for a period: the inbox,
// the engagements of subject-matter teams, and compliance report requests.
import { authorize } from '../../authz/authorize.ts';
import type { TeamCalendar } from '../calendar/calendar.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import { nextDeliveryRun } from '../compliance/delivery-schedule.ts';
import { inboxSections } from './inbox-sections.ts';
import { complianceRequestsSection, openEngagementsSection } from './work-sections.ts';
import type { MetricsRepository } from './metrics.ports.ts';
import type { MetricsReport, MetricsSection, Period } from './metrics.types.ts';
import { periodBounds, periodOf } from './period.ts';

type MetricsStore = { metrics: MetricsRepository };

export interface SourceInput {
  store: MetricsStore;
  calendar: TeamCalendar;
  period: Period;
  /** The period as instants: [start, end). */
  bounds: { start: Date; end: Date };
  now: Date;
}

/** Reads what it needs for the period and computes its sections. */
export type MetricsSource = (input: SourceInput) => Promise<MetricsSection[]>;

export const inboxSource: MetricsSource = async ({ store, calendar, period, bounds, now }) => {
  const [tickets, open] = await Promise.all([store.metrics.ticketFacts(bounds.start, bounds.end), store.metrics.openTicketsByStatus()]);
  return inboxSections(calendar, period, tickets, open, now);
};

export const engagementsSource: MetricsSource = async ({ store, now }) => [openEngagementsSection(await store.metrics.openEngagementsByTeam(now), now)];

/** Compliance requests; the next delivery day comes from the team calendar and the delivery time. */
export function complianceSource(deliveryTime: string): MetricsSource {
  return async ({ store, calendar, now }) => [
    complianceRequestsSection(await store.metrics.complianceRequestsByState(), nextDeliveryRun(calendar, now, deliveryTime).date, now),
  ];
}

/** Every source, in dashboard order. */
export function metricsSources(settings: { complianceDeliveryTime: string }): readonly MetricsSource[] {
  return [inboxSource, engagementsSource, complianceSource(settings.complianceDeliveryTime)];
}

export class MetricsService {
  readonly #store: Transactor<MetricsStore>;
  readonly #clock: Clock;
  readonly #calendar: TeamCalendar;
  readonly #sources: readonly MetricsSource[];

  constructor(deps: { store: Transactor<MetricsStore>; clock: Clock; calendar: TeamCalendar; sources: readonly MetricsSource[] }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#calendar = deps.calendar;
    this.#sources = deps.sources;
  }

  /** Every section for the asked period (default: the 12 weeks up to today). */
  async report(ctx: ActionContext, asked: { from?: string | undefined; to?: string | undefined }): Promise<MetricsReport> {
    authorize(ctx.actor, 'metrics.read');
    const now = this.#clock.now();
    const period = periodOf(this.#calendar, now, asked);
    const input: SourceInput = { store: this.#store.read, calendar: this.#calendar, period, bounds: periodBounds(this.#calendar, period), now };
    const sections = (await Promise.all(this.#sources.map((source) => source(input)))).flat();
    return { period, timeZone: this.#calendar.settings.timeZone, generatedAt: now, sections };
  }

  /** One section of the report, for export. */
  async section(
    ctx: ActionContext,
    asked: { from?: string | undefined; to?: string | undefined },
    key: string,
  ): Promise<{ report: MetricsReport; section: MetricsSection }> {
    const report = await this.report(ctx, asked);
    const section = report.sections.find((s) => s.key === key);
    if (!section) throw new ValidationError(`no metrics section ${key}; there are: ${report.sections.map((s) => s.key).join(', ')}`);
    return { report, section };
  }
}
