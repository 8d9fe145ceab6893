// Status page subscriptions: the shapes this domain speaks in, and the contract with the status page core.

/** Enqueued on `status.notify` by the status page core when an update is published. */
export type { StatusNotification } from '../statuspage/statuspage.types.ts';

export const SUBSCRIBER_KINDS = ['email', 'webhook'] as const;
export type SubscriberKind = (typeof SUBSCRIBER_KINDS)[number];
export const SUBSCRIBER_STATES = ['pending', 'confirmed', 'unsubscribed', 'disabled'] as const;
export type SubscriberState = (typeof SUBSCRIBER_STATES)[number];

export interface Subscriber {
  id: string;
  kind: SubscriberKind;
  /** The subscriber's address; for a webhook, its owner's address (confirmation and failure notices). */
  email: string;
  /** Webhooks only. */
  url: string | null;
  /** Empty: every component. */
  componentSlugs: string[];
  state: SubscriberState;
  confirmedAt: Date | null;
  consecutiveFailures: number;
  lastFailure: string | null;
  disabledReason: string | null;
  createdAt: Date;
}

/** A confirmed recipient of an update. */
export interface Recipient {
  id: string;
  email: string;
  emailKey: string;
  url: string | null;
  secret: string | null;
}

export interface SubscriberCounts {
  kind: SubscriberKind;
  state: SubscriberState;
  count: number;
}

/** What the public subscribe form and API ask for. */
export interface SubscribeInput {
  email: string;
  componentSlugs: string[];
}

export interface WebhookInput {
  url: string;
  email: string;
  componentSlugs: string[];
}
