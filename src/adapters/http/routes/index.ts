// Every route group, registered once. Each file is one domain's thin HTTP face.
import type { App } from '../../../app/app.ts';
import type { HttpApp } from '../server.ts';
import { accountRoutes } from './accounts.ts';
import { chatRoutes } from './chat.ts';
import { fanoutRoutes } from './fanout.ts';
import { healthRoutes } from './health.ts';
import { incidentRoutes } from './incidents.ts';
import { inboundMailRoutes } from './inbound-mail.ts';
import { metricsRoutes } from './metrics.ts';
import { notificationRoutes } from './notifications.ts';
import { oncallRoutes } from './oncall.ts';
import { incidentRoleRoutes } from './incident-roles.ts';
import { operationsRoutes } from './operations.ts';
import { ssoRoutes } from './sso.ts';
import { communicationRoutes } from './communications.ts';
import { complianceRoutes } from './compliance.ts';
import { stakeholderRoutes } from './stakeholders.ts';
import { templateRoutes } from './templates.ts';
import { teamRoutes } from './teams.ts';
import { ticketRoutes } from './tickets.ts';
import { triageRoutes } from './triage.ts';
import { userRoutes } from './users.ts';

export async function registerRoutes(server: HttpApp, app: App): Promise<void> {
  healthRoutes(server, app);
  await accountRoutes(server, app);
  ssoRoutes(server, app);
  userRoutes(server, app);
  ticketRoutes(server, app);
  templateRoutes(server, app);
  await triageRoutes(server, app);
  teamRoutes(server, app);
  notificationRoutes(server, app);
  incidentRoutes(server, app);
  incidentRoleRoutes(server, app);
  await oncallRoutes(server, app);
  stakeholderRoutes(server, app);
  operationsRoutes(server, app);
  metricsRoutes(server, app);
  await inboundMailRoutes(server, app);
  await chatRoutes(server, app);
  await complianceRoutes(server, app);
  await fanoutRoutes(server, app);
  communicationRoutes(server, app);
}
