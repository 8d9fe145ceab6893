// What every route module builds on: the typed Fastify instance and the request's ActionContext.
// Kept apart from server.ts (which registers the routes) so routes never import their registrar.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ActionContext } from '../../domains/context.ts';
import { actorOf, type RouteAccess } from './access.ts';

// biome-ignore lint/suspicious/noExplicitAny: the app is handed to route modules whatever server, request and reply types Fastify picked.
export type HttpApp = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with the access it declares. */
    routeAccess: RouteAccess[];
  }
}

/** The context a use case needs from a signed-in request. */
export function contextOf(request: FastifyRequest): ActionContext {
  return { actor: actorOf(request), requestId: request.id, ip: request.ip };
}
