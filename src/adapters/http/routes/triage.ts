// Triage suggestions: shown with the ticket, decided by analysts (kept as training data, nothing else
// changes), and the shipped model's figures on any labelled JSONL file.
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { ValidationError } from '../../../domains/errors.ts';
import { DISPOSITIONS } from '../../../domains/tickets/tickets.types.ts';
import { TRIAGE_LABELS } from '../../../domains/triage/labels.ts';
import { DateTime, IdParams, OneOf } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';

// Scoring runs on the event loop: 2 MiB (about 900 typical rows) takes well under a second; larger sets go through the CLI.
const MAX_EVAL_BYTES = 2 * 1024 * 1024;
const JSONL_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/json-lines'];

const Disposition = Type.Union([OneOf(DISPOSITIONS), Type.Null()]);
const Label = OneOf(TRIAGE_LABELS);

export const TriageSuggestion = Type.Object(
  {
    label: Label,
    disposition: Disposition,
    confidence: Type.Number({ minimum: 0, maximum: 1 }),
    ranking: Type.Array(Type.Object({ label: Label, confidence: Type.Number() })),
    reasons: Type.Array(
      Type.Object({
        kind: OneOf(['signal', 'words', 'out-of-scope']),
        label: Label,
        name: Type.String(),
        detail: Type.String(),
        weight: Type.Number({ description: "added to the label's log-odds (0 for out-of-scope: the flag never changes the label)" }),
      }),
    ),
    outOfScope: Type.Union([
      Type.Object(
        {
          families: Type.Array(Type.Object({ family: Type.String(), detail: Type.String({ description: 'the family and the words seen' }) })),
          template: Type.String({ description: 'the reply template the suggestion points to' }),
        },
        { description: 'likely out of scope: a well-known low-value report (beg bounty); it never closes the ticket' },
      ),
      Type.Null(),
    ]),
    modelVersion: Type.String(),
    createdAt: DateTime,
    decision: Type.Union([
      Type.Object({
        label: Label,
        disposition: Disposition,
        accepted: Type.Boolean(),
        by: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
        at: DateTime,
      }),
      Type.Null(),
    ]),
  },
  { description: 'what secdesk suggests; it never acts on it alone' },
);

const ClassFigures = Type.Object({
  label: Label,
  precision: Type.Number(),
  recall: Type.Number(),
  f1: Type.Number(),
  support: Type.Integer(),
  predicted: Type.Integer(),
});

export async function triageRoutes(server: HttpApp, app: App): Promise<void> {
  const triage = app.services.triage;

  server.get(
    '/api/tickets/:id/suggestion',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags: ['triage'],
        summary: "The ticket's triage suggestion (label, disposition, confidence, reasons) and the latest decision on it",
        params: IdParams,
        response: { 200: Type.Object({ suggestion: Type.Union([TriageSuggestion, Type.Null()]) }) },
      },
    },
    async (request) => ({ suggestion: await triage.view(contextOf(request), request.params.id) }),
  );

  server.post(
    '/api/tickets/:id/suggestion/decision',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags: ['triage'],
        summary: "Accept or change the triage suggestion: records the analyst's label as training data; the ticket itself is not changed",
        params: IdParams,
        body: Type.Object({ label: Label, disposition: Type.Optional(Disposition) }, { additionalProperties: false }),
        response: { 200: TriageSuggestion },
      },
    },
    async (request) => triage.decide(contextOf(request), request.params.id, request.body),
  );

  await server.register(async (scope: HttpApp) => {
    scope.addContentTypeParser(JSONL_TYPES, { parseAs: 'string', bodyLimit: MAX_EVAL_BYTES }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/triage/eval',
      {
        config: { access: 'tickets.write' },
        bodyLimit: MAX_EVAL_BYTES,
        schema: {
          tags: ['triage'],
          summary:
            'Evaluate the shipped triage model on labelled JSON Lines ({subject, body, from, label} a line; application/x-ndjson or text/plain): per-class precision, recall, F1, the confusion matrix and macro-F1',
          response: {
            200: Type.Object({
              modelVersion: Type.String(),
              rows: Type.Integer(),
              classes: Type.Array(ClassFigures),
              macroF1: Type.Number(),
              accuracy: Type.Number(),
              confusion: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer())),
              problems: Type.Array(Type.Object({ line: Type.Integer(), problem: Type.String() })),
              report: Type.String({ description: 'the text `secdesk triage eval` prints' }),
            }),
          },
        },
      },
      async (request) => {
        if (typeof request.body !== 'string') throw new ValidationError(`send the labelled rows as ${JSONL_TYPES[0]} or text/plain`);
        const { modelVersion, evaluation, problems, report } = triage.evaluate(contextOf(request), request.body);
        const { meanConfidence: _m, ...figures } = evaluation;
        return { modelVersion, ...figures, problems, report };
      },
    );
  });
}
