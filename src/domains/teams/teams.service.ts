// The subject-matter teams the security inbox can engage: listed for everyone who handles tickets,
// added and changed by admins. A tracker's token is a secret: kept for the issue job, never shown
// (the API says `hasToken`), never written to the audit log.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import type { UsersRepository } from '../accounts/accounts.ports.ts';
import type { IssueTracker } from './issue-tracker.ts';
import type { TeamsStore } from './teams.ports.ts';
import type { Team, TeamInput, TeamPatch, TrackerSettings } from './teams.types.ts';

type Store = TeamsStore & { users: UsersRepository };

/** A tracker as the admin sends it: on a change the token may be left out to keep the stored one. */
export type TrackerInput =
  | { kind: 'gitlab'; baseUrl: string; projectId: string; token?: string | undefined }
  | { kind: 'jira'; baseUrl: string; projectKey: string; email: string; apiToken?: string | undefined };

export type TeamRequest = Omit<TeamInput, 'tracker'> & { tracker?: TrackerInput | null | undefined };

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

export class TeamsService {
  readonly #store: Transactor<Store>;
  readonly #clock: Clock;
  readonly #tracker: Pick<IssueTracker, 'check'>;

  constructor(deps: { store: Transactor<Store>; clock: Clock; tracker: Pick<IssueTracker, 'check'> }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#tracker = deps.tracker;
  }

  async list(ctx: ActionContext): Promise<Team[]> {
    authorize(ctx.actor, 'tickets.write');
    return this.#store.read.teams.list();
  }

  async create(ctx: ActionContext, input: TeamRequest): Promise<Team> {
    authorize(ctx.actor, 'teams.manage');
    if (input.tracker) await this.#reachable(input.tracker.baseUrl);
    const now = this.#clock.now();
    return this.#store.transaction(async (s) => {
      const values = await this.#checked(s, { ...input, tracker: input.tracker === undefined ? undefined : completeTracker(input.tracker, null) }, null);
      const id = await s.teams.insert({ ...values, name: values.name! }, now);
      const team = (await s.teams.byId(id))!;
      await s.audit.append(ctx, { action: 'team.created', entityType: 'team', entityId: id, after: team });
      return team;
    });
  }

  async update(ctx: ActionContext, id: string, patch: Omit<TeamRequest, 'name'> & { name?: string | undefined }): Promise<Team> {
    authorize(ctx.actor, 'teams.manage');
    if (patch.tracker) await this.#reachable(patch.tracker.baseUrl);
    const now = this.#clock.now();
    return this.#store.transaction(async (s) => {
      const before = await s.teams.byId(id);
      if (!before) throw new NotFoundError('team');
      const tracker = patch.tracker === undefined ? undefined : completeTracker(patch.tracker, await s.teams.trackerOf(id));
      const values = await this.#checked(s, { ...patch, tracker }, id);
      await s.teams.update(id, values, now);
      const after = (await s.teams.byId(id))!;
      await s.audit.append(ctx, { action: 'team.updated', entityType: 'team', entityId: id, before, after });
      return after;
    });
  }

  /** The tracker's address is checked before the transaction: no network wait holds a database connection. */
  async #reachable(baseUrl: string): Promise<void> {
    checkBaseUrl(baseUrl);
    await this.#tracker.check(baseUrl);
  }

  async #checked(s: Store, input: TeamPatch, id: string | null): Promise<TeamPatch> {
    const out: TeamPatch = { ...input };
    if (input.name !== undefined || id === null) {
      const name = (input.name ?? '').replace(/\s+/g, ' ').trim();
      if (!name || name.length > 80) throw new ValidationError('a team name needs 1 to 80 characters');
      const same = await s.teams.byName(name);
      if (same && same.id !== id) throw new ConflictError(`a team named ${same.name} exists already`);
      out.name = name;
    }
    if (input.ownerId) {
      const owner = await s.users.byId(input.ownerId);
      if (!owner || owner.disabled) throw new ValidationError('ownerId must name an active user');
    }
    if (input.notifyAddress) {
      const address = input.notifyAddress.trim();
      if (!EMAIL.test(address) || address.length > 254) throw new ValidationError('notifyAddress must be one mail address');
      out.notifyAddress = address;
    }
    if (input.cadenceHours !== undefined && (!Number.isInteger(input.cadenceHours) || input.cadenceHours < 1 || input.cadenceHours > 2160)) {
      throw new ValidationError('cadenceHours must be a whole number of hours from 1 to 2160 (90 days)');
    }
    if (input.tracker) checkTracker(input.tracker);
    return out;
  }
}

/** A change that leaves the token out keeps the stored token of the same kind of tracker. */
function completeTracker(input: TrackerInput | null, stored: TrackerSettings | null): TrackerSettings | null {
  if (input === null) return null;
  if (input.kind === 'gitlab') {
    const token = input.token ?? (stored?.kind === 'gitlab' ? stored.token : undefined);
    if (!token) throw new ValidationError('a GitLab tracker needs a token (an access token with the api scope)');
    return { kind: 'gitlab', baseUrl: input.baseUrl, projectId: input.projectId, token };
  }
  const apiToken = input.apiToken ?? (stored?.kind === 'jira' ? stored.apiToken : undefined);
  if (!apiToken) throw new ValidationError('a Jira tracker needs an apiToken');
  return { kind: 'jira', baseUrl: input.baseUrl, projectKey: input.projectKey, email: input.email, apiToken };
}

function checkBaseUrl(baseUrl: string): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ValidationError('tracker.baseUrl must be an http(s) URL');
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password)
    throw new ValidationError('tracker.baseUrl must be an http(s) URL without credentials');
}

function checkTracker(t: TrackerSettings): void {
  checkBaseUrl(t.baseUrl);
  if (t.kind === 'gitlab' && !/^[\w.\-/]{1,200}$/.test(t.projectId)) throw new ValidationError('tracker.projectId must be a GitLab project id or path');
  if (t.kind === 'jira') {
    if (!/^[A-Z][A-Z0-9_]{1,19}$/.test(t.projectKey)) throw new ValidationError('tracker.projectKey must be a Jira project key (e.g. SEC)');
    if (!EMAIL.test(t.email)) throw new ValidationError('tracker.email must be the mail address of the Jira account');
  }
}
