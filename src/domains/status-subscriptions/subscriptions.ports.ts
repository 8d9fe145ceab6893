// What the status subscriptions domain needs from storage and from the outside world.
import type { AuditPort, JobSender } from '../ports.ts';
import type { FanoutRepository } from '../fanout/fanout.ports.ts';
import type { Recipient, Subscriber, SubscriberCounts, SubscriberKind, SubscriberState } from './subscriptions.types.ts';

export interface NewSubscriber {
  kind: SubscriberKind;
  email: string;
  emailKey: string;
  url: string | null;
  secret: string | null;
  componentSlugs: string[];
  createdIp: string | null;
}

export interface StatusSubscriptionsRepository {
  /** Counts this subscribe request for the address and returns how many there were in the window (this one included). */
  countSubscribeRequest(emailKey: string, since: Date): Promise<number>;
  emailSubscriber(emailKey: string): Promise<(Subscriber & { emailKey: string }) | null>;
  byId(id: string): Promise<Subscriber | null>;
  insert(subscriber: NewSubscriber): Promise<string>;
  /** A pending or unsubscribed e-mail subscriber subscribes again: pending, with the components asked for now. */
  reopen(id: string, componentSlugs: string[]): Promise<void>;
  setConfirmToken(id: string, tokenHash: string, expiresAt: Date): Promise<void>;
  byConfirmToken(tokenHash: string): Promise<(Subscriber & { confirmExpiresAt: Date | null }) | null>;
  /** pending → confirmed; clears the token. Returns whether it changed. */
  confirm(id: string, at: Date): Promise<boolean>;
  setState(id: string, from: SubscriberState[], to: SubscriberState, reason: string | null): Promise<boolean>;
  /** Confirmed subscribers of a kind for an update touching these components (all-component subscribers always). */
  recipients(kind: SubscriberKind, componentSlugs: string[]): Promise<Recipient[]>;
  webhookForDelivery(id: string): Promise<(Recipient & { state: SubscriberState }) | null>;
  /** Returns the consecutive failures after this one. */
  recordFailure(id: string, error: string): Promise<number>;
  recordSuccess(id: string): Promise<void>;
  list(kind: SubscriberKind, limit: number): Promise<Subscriber[]>;
  counts(): Promise<SubscriberCounts[]>;
  delete(id: string): Promise<boolean>;
  notificationHandled(updateId: string): Promise<boolean>;
  /** Records the update as handled; false when it already was (another attempt won). */
  markNotificationHandled(updateId: string, sendId: string | null, recipients: number, webhooks: number): Promise<boolean>;
}

export interface StatusSubscriptionsStore {
  statusSubscriptions: StatusSubscriptionsRepository;
  fanout: FanoutRepository;
  audit: AuditPort;
  jobs: JobSender;
}

/** One webhook POST: resolves on a 2xx answer, throws with the reason otherwise. */
export interface WebhookPoster {
  /** Refuses URLs that resolve to non-public addresses (unless allowed): a ValidationError; a host that does not resolve: an `unreachable` DomainError. */
  check(url: string): Promise<void>;
  post(url: string, body: string, headers: Record<string, string>): Promise<void>;
}

/** Sends one finished mail (the outbox's sender); resolves on the relay's 250. */
export interface ConfirmationMailer {
  send(mail: { to: string; subject: string; text: string }, lastAttempt: boolean): Promise<void>;
}
