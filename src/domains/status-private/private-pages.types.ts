// Private status pages: customer-specific status at /status/p/<slug>, showing a subset of the public
// components (and the public incidents touching them) plus incidents of their own, never shown publicly.
import type { ComponentState, IncidentUpdateStatus } from '../statuspage/statuspage.types.ts';

export interface PrivatePage {
  id: string;
  slug: string;
  name: string;
  /** The public components this page shows; empty: all of them. */
  componentSlugs: string[];
  hasPassword: boolean;
  /** Visitors with an address at one of these domains get a sign-in link by mail. */
  emailDomains: string[];
  /** CIDR ranges whose visitors see the page without signing in. */
  ipRanges: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface PrivatePageInput {
  slug: string;
  name: string;
  componentSlugs?: string[] | undefined;
  /** Set a password (at least 12 characters); null removes it; absent keeps it. */
  password?: string | null | undefined;
  emailDomains?: string[] | undefined;
  ipRanges?: string[] | undefined;
}

export interface PrivateUpdate {
  id: string;
  status: IncidentUpdateStatus;
  body: string;
  publishedAt: Date;
  publishedBy: string;
}

export interface PrivateIncident {
  id: string;
  pageId: string;
  title: string;
  status: IncidentUpdateStatus;
  componentSlugs: string[];
  /** The state this incident puts its components in on this page (null: unchanged). */
  componentState: ComponentState | null;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  /** Newest first. */
  updates: PrivateUpdate[];
}

export interface PrivateUpdateInput {
  status: IncidentUpdateStatus;
  body: string;
  /** For a new incident: its title and components. */
  title?: string | undefined;
  componentSlugs?: string[] | undefined;
  componentState?: ComponentState | undefined;
}

/** Who is asking for a private page: the socket address (or the trusted proxy's client address) and a session cookie. */
export interface PrivateVisitor {
  ip: string;
  sessionToken: string | null;
}

export type PrivateAccess = { granted: true; via: 'ip' | 'password' | 'email' } | { granted: false; methods: { password: boolean; email: boolean } };

/** A private page's sign-in link mail (the outbox's sender). */
export const PRIVATE_LINK_MAIL_QUEUE = 'status.private-link-mail';

/** A sign-in link mail, queued on PRIVATE_LINK_MAIL_QUEUE; the token is made at delivery, never stored in clear. */
export interface PrivateLinkMailJob {
  statusPrivateLink: { linkId: string };
}
