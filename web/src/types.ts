// Shapes of the API's answers, as the web app uses them (see /api/openapi.json).
export interface Me {
  id: string;
  email: string;
  name: string;
  roles: string[];
  permissions: string[];
  totpEnabled: boolean;
  sso: boolean;
}

export interface SessionAnswer {
  mfaRequired: boolean;
  csrfToken: string;
  user: Me | null;
}

export interface TicketSummary {
  id: string;
  number: number;
  subject: string;
  status: string;
  requester: { email: string; name: string | null };
  organisation: string | null;
  assignee: { id: string; name: string } | null;
  disposition: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  slaDueAt: string | null;
  messageCount: number;
}

export interface Ticket extends TicketSummary {
  messages: { id: string; direction: 'inbound' | 'outbound' | 'note'; from: string; to: string | null; subject: string; bodyText: string; createdAt: string }[];
}

export interface IncidentSummary {
  id: string;
  number: number;
  title: string;
  type: string;
  status: string;
  impact: number;
  likelihood: number;
  risk: { score: number; level: string; label: string };
  commsPlanApplies: boolean;
  visibility: 'normal' | 'restricted';
  declaredAt: string;
  updatedAt: string;
}

export interface Incident extends IncidentSummary {
  description: string;
  timeline: { id: string; at: string; kind: string; summary: string; actorLabel: string }[];
}

export interface User {
  id: string;
  email: string;
  name: string;
  roles: string[];
  disabled: boolean;
  totpEnabled: boolean;
  sso: boolean;
  lastLoginAt: string | null;
  lockedUntil: string | null;
  createdAt: string;
}

export interface RoleInfo {
  role: string;
  label: string;
  permissions: string[];
}
