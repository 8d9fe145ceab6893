// Shapes of the API's answers: the domain's own types as they arrive over JSON (dates as strings).
import type { Me as DomainMe, UserView } from '../../src/domains/accounts/accounts.types.ts';
import type { ChecklistItem as DomainChecklistItem } from '../../src/domains/setup/checklist.ts';
import type { Incident as DomainIncident, IncidentSummary as DomainIncidentSummary } from '../../src/domains/incidents/incidents.types.ts';
import type { StatusUpdateWithDiff } from '../../src/domains/incidents/status-update.ts';
import type { PreviewWithClocks as DomainPreview } from '../../src/domains/stakeholders/stakeholder-rules.service.ts';
import type { StakeholderRule as DomainStakeholderRule, RuleProblem as DomainRuleProblem } from '../../src/domains/stakeholders/stakeholders.types.ts';
import type { Engagement as DomainEngagement } from '../../src/domains/stakeholders/stakeholders.types.ts';
import type { IntakeResult as DomainIntakeResult } from '../../src/domains/mail/intake.service.ts';
import type { Agent as DomainAgent, TicketDetail, TicketHistoryEntry as DomainHistoryEntry, TicketListItem } from '../../src/domains/tickets/tickets.types.ts';
import type { ViewCounts as DomainViewCounts } from '../../src/domains/tickets/tickets.service.ts';
import type { Notification as DomainNotification } from '../../src/domains/notifications/notifications.types.ts';
import type {
  MessageTemplate as DomainTemplate,
  MessageTemplateWithVersions,
  RenderedTemplate as DomainRendered,
} from '../../src/domains/templates/templates.types.ts';
import type { DispositionPlan as DomainPlan } from '../../src/domains/tickets/dispositions.service.ts';
import type { TicketSuggestion as DomainTicketSuggestion } from '../../src/domains/triage/triage.types.ts';
import type { DuplicateCandidate as DomainDuplicateCandidate } from '../../src/domains/triage/duplicates.types.ts';
import type { RotationView as DomainRotationView } from '../../src/domains/oncall/oncall.service.ts';
import type { IncidentType as DomainIncidentType } from '../../src/domains/incidents/incident-types.ts';
import type { TicketIncident as DomainTicketIncident } from '../../src/domains/incidents/incident-ticket.service.ts';
import type { IncidentChatView as DomainChatView } from '../../src/domains/chat/chat.types.ts';
import type { Team as DomainTeam, TeamEngagement as DomainTeamEngagement } from '../../src/domains/teams/teams.types.ts';
import type { MetricsReport as DomainMetricsReport } from '../../src/domains/metrics/metrics.types.ts';
import type * as Comms from '../../src/domains/communications/communications.types.ts';
import type { CommsSettings as DomainCommsSettings } from '../../src/domains/communications/plan.service.ts';
import type { RiskMatrix as DomainRiskMatrix } from '../../src/domains/incidents/risk-matrix.ts';
import type { RegulatoryClocksOfIncident as DomainRegulatoryClocks } from '../../src/domains/regulatory/regulatory-clocks.service.ts';
import type { Subscriber as DomainSubscriber, SubscriberCounts as DomainSubscriberCounts } from '../../src/domains/status-subscriptions/subscriptions.types.ts';

/** T as JSON delivers it: every Date becomes an ISO string. */
export type Wire<T> = T extends Date ? string : T extends (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

export type Me = Wire<DomainMe>;
export type User = Wire<UserView>;
export type TicketSummary = Wire<TicketListItem>;
export type Ticket = Wire<TicketDetail>;
export type SlaStatus = Ticket['sla'];
export type TicketHistoryEntry = Wire<DomainHistoryEntry>;
export type Agent = Wire<DomainAgent>;
export type ViewCounts = Wire<DomainViewCounts>;
export type Notification = Wire<DomainNotification>;
export type IncidentSummary = Wire<DomainIncidentSummary>;
export type Incident = Wire<DomainIncident>;
export type Engagement = Wire<DomainEngagement>;
export type EngagementPreview = Wire<DomainPreview>;
export type StakeholderRule = DomainStakeholderRule;
export type RuleProblem = DomainRuleProblem;
export type StatusUpdate = Wire<StatusUpdateWithDiff>;
export type IntakeResult = Wire<DomainIntakeResult>;
export type MessageTemplate = Wire<DomainTemplate>;
export type TemplateDetail = Wire<MessageTemplateWithVersions>;
export type RenderedTemplate = Wire<DomainRendered>;
export type DispositionPlan = Wire<DomainPlan>;
export type TicketSuggestion = Wire<DomainTicketSuggestion>;
export type DuplicateCandidate = Wire<DomainDuplicateCandidate>;
export type RotationView = Wire<DomainRotationView>;
export type IncidentType = DomainIncidentType;
export type TicketIncident = DomainTicketIncident;
export type RoleHolder = Incident['roles'][number];
export interface Person {
  id: string;
  name: string;
}
export type IncidentChatView = Wire<DomainChatView>;
export type RegulatoryClocks = Wire<DomainRegulatoryClocks>;
export type RegulatoryClock = RegulatoryClocks['clocks'][number];
export type Team = Wire<DomainTeam>;
export type TeamEngagement = Wire<DomainTeamEngagement>;
export type MetricsReport = Wire<DomainMetricsReport>;
export type StatusSubscriber = Wire<DomainSubscriber>;
export type StatusSubscriberCounts = DomainSubscriberCounts;

export interface SessionAnswer {
  mfaRequired: boolean;
  csrfToken: string;
  user: Me | null;
}

export interface RoleInfo {
  role: string;
  label: string;
  permissions: string[];
}

// Compliance report requests.
export type Customer = Wire<import('../../src/domains/compliance/compliance.types.ts').Customer>;
export type ComplianceReport = Wire<import('../../src/domains/compliance/compliance.types.ts').ReportFile>;
export type RiskMatrix = DomainRiskMatrix;

// The public status page's management.
export type StatusComponent = Wire<import('../../src/domains/statuspage/statuspage.types.ts').StatusComponent>;
export type StatusEvent = Wire<import('../../src/domains/statuspage/statuspage.types.ts').StatusEvent>;
export type StatusPageUpdate = Wire<import('../../src/domains/statuspage/statuspage.types.ts').StatusPageUpdate>;
export interface StatusPublished {
  url: string;
  updateId: string;
}
// External communications (API under /api/incidents/{id}/communications, /api/holding-statements).
export type {
  Channel as CommsChannel,
  ExtendedTeam,
  SocialNetwork,
  StatusPageStatus,
  FlowStep,
  StepState,
  CommunicationStatus,
} from '../../src/domains/communications/communications.types.ts';
export {
  CHANNELS,
  CHANNEL_LABELS,
  PUBLIC_CHANNELS,
  EXTENDED_TEAMS,
  SOCIAL_NETWORKS,
  STATUS_PAGE_STATUSES,
  FLOW_STEPS,
} from '../../src/domains/communications/communications.types.ts';
export type CommsPlan = Wire<Comms.CommsPlan>;
export type CommunicationSummary = Wire<Comms.CommunicationSummary>;
export type Communication = Wire<Comms.Communication>;
export type CommunicationVersion = Wire<Comms.CommunicationVersion>;
export type CommunicationComment = Wire<Comms.CommunicationComment>;
export type CommsVersionDiff = Wire<Comms.VersionDiff>;
export type CommsLintResult = Wire<Comms.LintResult>;
export type HoldingStatement = Wire<Comms.HoldingStatement>;
export type PreparedResponse = Wire<Comms.PreparedResponse>;
export type CommsTemplatePreview = Wire<Comms.TemplatePreview>;
export type ChannelRoles = Wire<Comms.ChannelRoles>;
export type CommsSettings = Wire<DomainCommsSettings>;
export type SendProgress = Wire<import('../../src/domains/fanout/fanout.types.ts').SendProgress>;
export type DistributionList = Wire<import('../../src/domains/fanout/fanout.types.ts').DistributionList>;
export type AmbiguousRecipient = Wire<import('../../src/domains/fanout/fanout.types.ts').AmbiguousRecipient>;

export type SetupItem = Wire<DomainChecklistItem>;
export interface SetupChecklist {
  items: SetupItem[];
  done: number;
  total: number;
}
export type Setting = Wire<import('../../src/domains/settings/settings.types.ts').SettingView>;
