// Possible duplicates of a vulnerability report: shown with the ticket, linked by an analyst.
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { DateTime, IdParams, Uuid } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';
import { DUPLICATE_TEMPLATE } from '../../../domains/triage/duplicates.service.ts';

const Candidate = Type.Object({
  id: Uuid,
  duplicateOf: Type.Object({ id: Uuid, number: Type.Integer(), subject: Type.String(), status: Type.String() }),
  evidence: Type.Object({
    score: Type.Number({ description: '0–1: text similarity plus shared identifiers; 0.5 or more is shown' }),
    similarity: Type.Number({ description: 'TF-IDF cosine of the two texts' }),
    cves: Type.Array(Type.String()),
    targets: Type.Array(Type.String({ description: 'host and path, ids in the path as {id}' })),
    parameters: Type.Array(Type.String()),
    passages: Type.Union([Type.Object({ report: Type.String(), other: Type.String() }), Type.Null()], {
      description: 'the sentences of both texts that match best',
    }),
  }),
  createdAt: DateTime,
  linked: Type.Union([Type.Object({ by: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]), at: DateTime }), Type.Null()]),
});
const Candidates = Type.Object({ items: Type.Array(Candidate), template: Type.String({ description: 'the reply template a linked duplicate offers' }) });

export async function duplicatesRoutes(server: HttpApp, app: App): Promise<void> {
  const duplicates = app.services.duplicates;
  const template = DUPLICATE_TEMPLATE;

  server.get(
    '/api/tickets/:id/duplicates',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags: ['triage'],
        summary:
          'Possible duplicates of a vulnerability report: earlier open or recent tickets with the shared CVE, target or parameter and the matching passages',
        params: IdParams,
        response: { 200: Candidates },
      },
    },
    async (request) => ({ items: await duplicates.view(contextOf(request), request.params.id), template }),
  );

  server.post(
    '/api/tickets/:id/duplicates/:candidateId/link',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags: ['triage'],
        summary: "Mark the ticket as a duplicate of the candidate's ticket (audited); nothing is sent and the status stays",
        params: Type.Object({ id: Uuid, candidateId: Uuid }, { additionalProperties: false }),
        response: { 200: Candidates },
      },
    },
    async (request) => ({ items: await duplicates.link(contextOf(request), request.params.id, request.params.candidateId), template }),
  );
}
