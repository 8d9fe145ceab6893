// The metrics dashboard's data: every section as JSON, or one section as a CSV download.
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { toCsv } from '../csv.ts';
import { DateTime, OneOf } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "a date in the team's time zone, YYYY-MM-DD" });
const PeriodQuery = {
  from: Type.Optional({ ...IsoDate, description: "first day (default: the Monday 11 weeks before `to`'s week)" }),
  to: Type.Optional({ ...IsoDate, description: 'last day, included (default: today)' }),
};
const Kind = OneOf(['text', 'date', 'count', 'percent', 'hours', 'days']);
const Cell = Type.Union([Type.String(), Type.Number(), Type.Null()]);

const Section = Type.Object({
  key: Type.String(),
  title: Type.String(),
  description: Type.String(),
  figures: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), kind: Kind, value: Type.Union([Type.Number(), Type.Null()]) })),
  columns: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), kind: Kind })),
  rows: Type.Array(Type.Record(Type.String(), Cell)),
  bar: Type.Union([Type.String(), Type.Null()]),
});

const Report = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  timeZone: Type.String(),
  generatedAt: DateTime,
  sections: Type.Array(Section),
});

export function metricsRoutes(server: HttpApp, app: App): void {
  const metrics = app.services.metrics;

  server.get(
    '/api/metrics/inbox',
    {
      config: { access: 'metrics.read' },
      schema: {
        tags: ['metrics'],
        summary: 'Inbox metrics for a period: tickets by disposition and week, first-handling time in business hours, SLA attainment, open tickets',
        querystring: Type.Object(PeriodQuery, { additionalProperties: false }),
        response: { 200: Report },
      },
    },
    async (request) => metrics.report(contextOf(request), request.query),
  );

  server.get(
    '/api/metrics/inbox.csv',
    {
      config: { access: 'metrics.read' },
      schema: {
        tags: ['metrics'],
        summary: 'One section of the inbox metrics as a CSV download (cells that a spreadsheet would run as formulas are neutralised)',
        querystring: Type.Object(
          { ...PeriodQuery, section: Type.String({ pattern: '^[a-z_]{1,64}$', description: 'a section key from GET /api/metrics/inbox' }) },
          { additionalProperties: false },
        ),
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const { section: key, ...asked } = request.query;
      const { report, section } = await metrics.section(contextOf(request), asked, key);
      const filename = `secdesk-${section.key}-${report.period.from}-${report.period.to}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(toCsv(section.columns, section.rows));
    },
  );
}
