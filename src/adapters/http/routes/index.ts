// Every route group, registered once. Each file is one domain's thin HTTP face.
import type { App } from '../../../app/app.ts';
import type { HttpApp } from '../server.ts';
import { accountRoutes } from './accounts.ts';
import { fanoutRoutes } from './fanout.ts';
import { healthRoutes } from './health.ts';
import { incidentRoutes } from './incidents.ts';
import { inboundMailRoutes } from './inbound-mail.ts';
import { notificationRoutes } from './notifications.ts';
import { operationsRoutes } from './operations.ts';
import { ssoRoutes } from './sso.ts';
import { ticketRoutes } from './tickets.ts';
import { userRoutes } from './users.ts';

export async function registerRoutes(server: HttpApp, app: App): Promise<void> {
  healthRoutes(server, app);
  await accountRoutes(server, app);
  ssoRoutes(server, app);
  userRoutes(server, app);
  ticketRoutes(server, app);
  notificationRoutes(server, app);
  incidentRoutes(server, app);
  operationsRoutes(server, app);
  await inboundMailRoutes(server, app);
  await fanoutRoutes(server, app);
}
