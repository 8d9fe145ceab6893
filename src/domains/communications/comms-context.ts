// What the communications services share: finding a communication the actor may see, the channel
// roles in force, the values templates are filled with, and what the linter must know of an incident.
import { ForbiddenError, type Actor } from '../../authz/authorize.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Audience } from '../fanout/fanout.types.ts';
import { placeholdersFor } from '../fanout/personalise.ts';
import { factCatalogue, type FactCatalogue } from '../incidents/fact-catalogue.ts';
import { visibleIncident } from '../incidents/incident-access.ts';
import type { IncidentRecord } from '../incidents/incidents.types.ts';
import type { RiskMatrix } from '../incidents/risk-matrix.ts';
import { channelRolesFrom, holdsDuty, type ChannelDuty } from './channel-roles.ts';
import type { CommunicationRow, CommunicationsStore } from './communications.ports.ts';
import type { Channel, ChannelRoles } from './communications.types.ts';
import type { LintContext } from './linter.ts';

export const CHANNEL_ROLES_KEY = 'channel_roles';
export const SECURITY_NOTICES_KEY = 'security_notices_list';

/** A communication of an incident, or a holding statement (incidentId null). */
export interface CommunicationRef {
  incidentId: string | null;
  id: string;
}

export interface Located {
  communication: CommunicationRow;
  incident: IncidentRecord | null;
}

/** The communication the reference names, if the actor may see it (a restricted incident's are "not found"). */
export async function locate(store: CommunicationsStore, actor: Actor, ref: CommunicationRef, lock = false): Promise<Located> {
  const incident = ref.incidentId ? await visibleIncident(store.incidents, actor, ref.incidentId) : null;
  const communication = await store.communications.byId(ref.id, lock);
  const holding = communication !== null && communication.incidentId === null && communication.title !== null;
  if (!communication || (ref.incidentId ? communication.incidentId !== ref.incidentId : !holding))
    throw new NotFoundError(ref.incidentId ? 'communication' : 'holding statement');
  return { communication, incident };
}

export async function channelRoles(store: CommunicationsStore, channel: Channel): Promise<ChannelRoles> {
  return channelRolesFrom(await store.communications.setting(CHANNEL_ROLES_KEY)).find((r) => r.channel === channel)!;
}

/** Refuses (403) unless the actor holds one of the channel's roles for the duty. */
export async function requireDuty(store: CommunicationsStore, actor: Actor, channel: Channel, duty: ChannelDuty): Promise<void> {
  const roles = await channelRoles(store, channel);
  if (!holdsDuty(actor, roles, duty)) throw new ForbiddenError(`${duty} ${channel} (roles: ${roles[duty].join(', ')})`);
}

export async function securityNoticesListId(store: CommunicationsStore): Promise<string | null> {
  const value = await store.communications.setting(SECURITY_NOTICES_KEY);
  return typeof value === 'string' ? value : null;
}

export const EMAIL_CHANNELS: readonly Channel[] = ['customer_email', 'security_alert'];

export interface EmailList {
  listId: string;
  audience: Audience | null;
  listMail: boolean;
}

/**
 * The list an email channel goes to: a security alert to the security notices list (list mail); a
 * customer email to the list attached for the audience, or by default the customers' (else the first
 * attached); while the incident has no list attached, to the team's security notices list (set up
 * once on Admin → Communications), one message per member. A string says why there is none.
 */
export async function emailListOf(
  store: CommunicationsStore,
  channel: Channel,
  incidentId: string | null,
  audience: Audience | null,
): Promise<EmailList | string> {
  if (channel === 'security_alert') {
    const listId = await securityNoticesListId(store);
    return listId ? { listId, audience: null, listMail: true } : 'no distribution list is marked as the security notices list';
  }
  const lists = incidentId ? await store.communications.lists(incidentId) : [];
  const chosen = audience ? lists.find((l) => l.audience === audience) : (lists.find((l) => l.audience === 'customers') ?? lists[0]);
  if (chosen) return { listId: chosen.listId, audience: chosen.audience, listMail: false };
  const teamList = lists.length ? null : await securityNoticesListId(store);
  if (teamList) return { listId: teamList, audience, listMail: false };
  if (lists.length) return `no distribution list is attached for ${audience}`;
  return "attach the distribution list of the impacted customers or users first, or mark the team's customer list as the security notices list (Admin → Communications)";
}

/** The placeholders filled per recipient in an email channel (none elsewhere): the fixed ones and the columns of the list it goes to. */
export async function recipientPlaceholders(
  store: CommunicationsStore,
  channel: Channel,
  incidentId: string | null,
): Promise<{ list: string | null; names: string[] }> {
  if (!EMAIL_CHANNELS.includes(channel)) return { list: null, names: [] };
  const target = await emailListOf(store, channel, incidentId, null);
  const list = typeof target === 'string' ? null : await store.fanout.listById(target.listId);
  return { list: list?.name ?? null, names: placeholdersFor(list?.columns ?? []) };
}

/** Refuses with the reason when an email channel has no list to go to. */
export async function requireEmailList(store: CommunicationsStore, channel: Channel, incidentId: string | null, audience: Audience | null): Promise<EmailList> {
  const target = await emailListOf(store, channel, incidentId, audience);
  if (typeof target === 'string') throw new ValidationError(target);
  return target;
}

/** Both readings of every internal-only fact: either one states it. */
export function internalFacts(catalogue: FactCatalogue): LintContext['internalFacts'] {
  return catalogue.fields
    .filter((f) => f.internal)
    .flatMap((f) =>
      f.type.kind === 'boolean' && 'yes' in f
        ? [
            { name: f.name, sentence: f.yes },
            { name: f.name, sentence: f.no },
          ]
        : [{ name: f.name, sentence: '' }],
    );
}

/** The people of a restricted incident: the declarer, role holders and named responders. */
async function restrictedPeople(store: CommunicationsStore, incident: IncidentRecord): Promise<LintContext['restrictedPeople']> {
  if (incident.visibility !== 'restricted') return [];
  const [roles, responders] = await Promise.all([store.incidentRoles.list(incident.id), store.responders.list(incident.id)]);
  const people = new Map(responders.map((r) => [r.userId, { name: r.name, email: r.email }]));
  for (const id of [incident.declaredBy, ...roles.map((r) => r.userId)]) {
    if (!id || people.has(id)) continue;
    const user = await store.users.byId(id);
    if (user) people.set(id, { name: user.name, email: user.email });
  }
  return [...people.values()];
}

/** The blog post's published URL, once any round's blog post is published. */
export async function blogUrlOf(store: CommunicationsStore, incidentId: string): Promise<string | null> {
  const blogs = (await store.communications.forIncident(incidentId)).filter((c) => c.channel === 'blog_post' && c.publishedUrl);
  return blogs.at(-1)?.publishedUrl ?? null;
}

export async function lintContextOf(store: CommunicationsStore, matrix: RiskMatrix, incident: IncidentRecord | null, channel: Channel): Promise<LintContext> {
  const internal = internalFacts(factCatalogue(matrix));
  const { names: recipient } = await recipientPlaceholders(store, channel, incident?.id ?? null);
  if (!incident) return { internalFacts: internal, restrictedPeople: [], blogUrl: null, recipientPlaceholders: recipient };
  return {
    internalFacts: internal,
    restrictedPeople: await restrictedPeople(store, incident),
    blogUrl: await blogUrlOf(store, incident.id),
    recipientPlaceholders: recipient,
  };
}
