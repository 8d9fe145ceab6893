// The port to a team's issue tracker (GitLab or Jira): find the engagement's issue by its marker,
// or create it. Failures say whether trying again can help.
import type { TrackerSettings } from './teams.types.ts';

export interface IssueDraft {
  title: string;
  description: string;
  /** Unique to the engagement and written into the issue, so a retry finds an issue it already created. */
  marker: string;
  labels: string[];
}

export interface CreatedIssue {
  ref: string;
  url: string;
}

export class TrackerError extends Error {
  /** True when retrying cannot help (bad token, unknown project): recorded, not retried. */
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean) {
    super(message);
    this.permanent = permanent;
  }
}

export interface IssueTracker {
  /** The issue that carries the marker, if one exists already. */
  find(settings: TrackerSettings, marker: string): Promise<CreatedIssue | null>;
  create(settings: TrackerSettings, draft: IssueDraft): Promise<CreatedIssue>;
  /** Refuses a base URL secdesk may not reach (a non-public address not allowed, a host that does not resolve), before it is stored. */
  check(baseUrl: string): Promise<void>;
}

/** 401/403/404 (and other 4xx but 408/429) cannot succeed on a retry; 408, 429 and 5xx can. */
export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}
