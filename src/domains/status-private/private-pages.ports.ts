import type { AuditPort, JobSender } from '../ports.ts';
import type { PrivateIncident, PrivatePage } from './private-pages.types.ts';
import type { ComponentState, IncidentUpdateStatus } from '../statuspage/statuspage.types.ts';

export interface PrivatePageRow extends PrivatePage {
  passwordHash: string | null;
}

export interface PrivatePagesRepository {
  list(): Promise<PrivatePage[]>;
  bySlug(slug: string): Promise<PrivatePageRow | null>;
  insert(
    page: { slug: string; name: string; componentSlugs: string[]; passwordHash: string | null; emailDomains: string[]; ipRanges: string[] },
    at: Date,
  ): Promise<string>;
  update(
    id: string,
    patch: { name: string; componentSlugs: string[]; passwordHash?: string | null; emailDomains: string[]; ipRanges: string[] },
    at: Date,
  ): Promise<void>;
  remove(id: string): Promise<void>;
  /** The page's incidents with their updates: open ones and those resolved since `resolvedFrom`. */
  incidents(pageId: string, resolvedFrom: Date): Promise<PrivateIncident[]>;
  incident(pageId: string, id: string): Promise<PrivateIncident | null>;
  insertIncident(
    pageId: string,
    incident: { title: string; status: IncidentUpdateStatus; componentSlugs: string[]; componentState: ComponentState | null },
    at: Date,
  ): Promise<string>;
  updateIncident(id: string, change: { status: IncidentUpdateStatus; componentState: ComponentState | null; resolvedAt: Date | null }, at: Date): Promise<void>;
  insertUpdate(incidentId: string, update: { status: IncidentUpdateStatus; body: string; publishedBy: string }, at: Date): Promise<string>;
  insertLink(pageId: string, email: string, expiresAt: Date, at: Date): Promise<string>;
  /** Stores the hash of the token just made for the link mail; null when the link is gone or used. */
  armLink(linkId: string, tokenHash: string): Promise<{ pageSlug: string; email: string; expiresAt: Date } | null>;
  /** Marks the link used, once: the page and address when the token was valid and unused. */
  useLink(tokenHash: string, at: Date): Promise<{ pageId: string; email: string } | null>;
  insertSession(session: { tokenHash: string; pageId: string; via: 'password' | 'email'; email: string | null; expiresAt: Date }): Promise<void>;
  sessionPage(tokenHash: string, at: Date): Promise<{ pageId: string; via: 'password' | 'email' } | null>;
  /** Sign-in links made for this address on this page since `since` (a mail flood guard). */
  linksSince(pageId: string, email: string, since: Date): Promise<number>;
  deleteSession(tokenHash: string): Promise<void>;
}

export interface PrivatePagesStore {
  privatePages: PrivatePagesRepository;
  audit: AuditPort;
  jobs: JobSender;
}
