// Asking for a review: a state of the communication's current version, not a comment. The reviewers
// are the people holding the channel's reviewer roles who may approve this version (not its author,
// not the one asking) and may see the incident; each is notified in the app and by mail.
import type { ActionContext } from '../context.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import type { IncidentRecord } from '../incidents/incidents.types.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { channelRoles, requireDuty } from './comms-context.ts';
import type { CommunicationRow, CommunicationsStore } from './communications.ports.ts';
import { CHANNEL_LABELS, type ReviewRequest } from './communications.types.ts';
import { addToTimeline } from '../incidents/timeline.ts';

export interface ReviewRequestDeps {
  notifier: Notifier;
  now: Date;
}

/** Records the request on the current version and notifies the reviewers, in the caller's transaction. */
export async function requestReview(
  s: CommunicationsStore,
  ctx: ActionContext,
  c: CommunicationRow,
  incident: IncidentRecord | null,
  deps: ReviewRequestDeps,
): Promise<ReviewRequest> {
  await requireDuty(s, ctx.actor, c.channel, 'draft');
  if (c.sentAt) throw new ConflictError('the communication was sent already');
  if (c.approval?.version === c.currentVersion) throw new ConflictError(`version ${c.currentVersion} is approved already`);
  if (c.reviewRequest?.version === c.currentVersion) {
    throw new ConflictError(`a review of version ${c.currentVersion} was requested already (of ${c.reviewRequest.reviewers.map((r) => r.name).join(', ')})`);
  }
  const reviewers = await eligibleReviewers(s, c, incident, ctx.actor.userId);
  const request: ReviewRequest = { version: c.currentVersion, requestedBy: ctx.actor.label, requestedById: ctx.actor.userId, requestedAt: deps.now, reviewers };
  await s.communications.setReviewRequest(c.id, request);
  const what = `${CHANNEL_LABELS[c.channel]}${incident ? ` of incident #${incident.number}` : ' (holding statement)'}`;
  await deps.notifier.notify(
    s,
    reviewers.map((r) => r.userId),
    {
      kind: 'review_request',
      ticketId: null,
      title: `Review requested: ${what}, version ${c.currentVersion}`,
      body: `${ctx.actor.label} asks you to review version ${c.currentVersion} of the ${what}: "${c.subject}".\nOpen it in secdesk: ${deps.notifier.link(incident ? `/communications/${incident.id}?c=${c.id}` : '/communications')}`,
      dedupeKey: `review:${c.id}:${c.currentVersion}`,
    },
  );
  await s.audit.append(ctx, {
    action: 'communication.review_requested',
    entityType: 'communication',
    entityId: c.id,
    after: { version: c.currentVersion, reviewers: reviewers.map((r) => r.name) },
  });
  if (incident) {
    await addToTimeline(s, incident.id, {
      at: deps.now,
      kind: 'comms',
      summary: `Review requested: ${c.channel} version ${c.currentVersion}, of ${reviewers.map((r) => r.name).join(', ')}`,
      actorLabel: ctx.actor.label,
    });
  }
  return request;
}

async function eligibleReviewers(
  s: CommunicationsStore,
  c: CommunicationRow,
  incident: IncidentRecord | null,
  askedBy: string | null,
): Promise<ReviewRequest['reviewers']> {
  const roles = (await channelRoles(s, c.channel)).review;
  const author = (await s.communications.versions(c.id)).find((v) => v.version === c.currentVersion)?.authorId ?? null;
  const holders = (await s.communications.peopleHolding(roles)).filter((p) => p.userId !== author && p.userId !== askedBy);
  const visible = [];
  for (const person of holders) {
    const sees = !incident || (await s.incidents.byId({ userId: person.userId, seesRestricted: person.roles.includes('admin') }, incident.id)) !== null;
    if (sees) visible.push({ userId: person.userId, name: person.name });
  }
  if (visible.length === 0) {
    throw new ValidationError(
      `nobody else may review this ${CHANNEL_LABELS[c.channel]}: its reviewers are the roles ${roles.join(', ')} (give someone such a role in Admin → Users, or change the channel's reviewers in Admin → Communications)`,
    );
  }
  return visible;
}
