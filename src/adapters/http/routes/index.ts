// Every route group, registered once. Each file is one domain's thin HTTP face.
import type { App } from '../../../app/app.ts';
import type { HttpApp } from '../server.ts';
import { accountRoutes } from './accounts.ts';
import { healthRoutes } from './health.ts';
import { incidentRoutes } from './incidents.ts';
import { inboundMailRoutes } from './inbound-mail.ts';
import { notificationRoutes } from './notifications.ts';
import { operationsRoutes } from './operations.ts';
import { ssoRoutes } from './sso.ts';
import { complianceRoutes } from './compliance.ts';
import { stakeholderRoutes } from './stakeholders.ts';
import { templateRoutes } from './templates.ts';
import { ticketRoutes } from './tickets.ts';
import { userRoutes } from './users.ts';

export async function registerRoutes(server: HttpApp, app: App): Promise<void> {
  healthRoutes(server, app);
  await accountRoutes(server, app);
  ssoRoutes(server, app);
  userRoutes(server, app);
  ticketRoutes(server, app);
  templateRoutes(server, app);
  notificationRoutes(server, app);
  incidentRoutes(server, app);
  stakeholderRoutes(server, app);
  operationsRoutes(server, app);
  await inboundMailRoutes(server, app);
  await complianceRoutes(server, app);
}
