// The signed-in person's notifications (SLA warnings and breaches).
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { NOTIFICATION_KINDS } from '../../../domains/notifications/notifications.types.ts';
import { DateTime, IdParams, NullableDateTime, OneOf } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';

const Notification = Type.Object({
  id: Type.String(),
  kind: OneOf(NOTIFICATION_KINDS),
  ticketId: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  body: Type.String(),
  createdAt: DateTime,
  readAt: NullableDateTime,
});

export function notificationRoutes(server: HttpApp, app: App): void {
  const notifications = app.services.notifications;

  server.get(
    '/api/me/notifications',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['notifications'],
        summary: 'My latest notifications, newest first, and how many are unread',
        response: { 200: Type.Object({ items: Type.Array(Notification), unread: Type.Integer() }) },
      },
    },
    async (request) => notifications.mine(contextOf(request)),
  );

  server.post(
    '/api/me/notifications/:id/read',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['notifications'], summary: 'Mark one of my notifications read', params: IdParams },
    },
    async (request, reply) => {
      await notifications.markRead(contextOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  server.post(
    '/api/me/notifications/read-all',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['notifications'], summary: 'Mark all my notifications read', response: { 200: Type.Object({ marked: Type.Integer() }) } },
    },
    async (request) => notifications.markAllRead(contextOf(request)),
  );
}
