// In-app notifications for one person (SLA warnings and breaches, incident pages, team engagements), optionally mailed.
export const NOTIFICATION_KINDS = [
  'sla_warning',
  'sla_breach',
  'incident_page',
  'engagement_update_due',
  'engagement_answered',
  'regulatory_deadline',
  'review_request',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  id: string;
  kind: NotificationKind;
  ticketId: string | null;
  title: string;
  body: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  ticketId: string | null;
  title: string;
  body: string;
  /** At most one notification per person and key: a job that runs twice notifies once. */
  dedupeKey: string;
  mailQueued: boolean;
}

/** What the mail job needs to send one notification. */
export interface NotificationMail {
  id: string;
  to: string;
  title: string;
  body: string;
  mailStatus: 'queued' | 'sent' | 'failed' | null;
}
