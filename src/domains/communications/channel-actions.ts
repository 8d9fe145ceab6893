// What each channel's send does: the fan-out's start (SendsService.startIn) for the email channels, the blog webhook job or
// the recorded URL, the release to Community Advocates, the status page publisher, the press mail.
// Each returns the work to do inside the send's transaction and the details its snapshot records.
import type { ComponentState } from '../statuspage/statuspage.types.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import type { Audience, Send } from '../fanout/fanout.types.ts';
import { contentHash as fanoutContentHash, type SendsService } from '../fanout/sends.service.ts';
import type { IncidentRecord } from '../incidents/incidents.types.ts';
import type { MailIdentity } from '../mail/mail-identity.ts';
import type { CurrentSender } from '../mail/replies.service.ts';
import { requireEmailList, type EmailList } from './comms-context.ts';
import type { BlogPublisher, CommunicationRow, CommunicationsStore, StatusPagePublisher } from './communications.ports.ts';
import type { CommunicationVersion, SentSnapshot, SocialNetwork, StatusPageStatus } from './communications.types.ts';
import { SOCIAL_LIMITS, socialLength } from './linter.ts';

export interface SendOptions {
  listId?: string | undefined;
  audience?: Audience | undefined;
  network?: SocialNetwork | undefined;
  status?: StatusPageStatus | undefined;
  /** Status page: the components the update affects, and the state they take (default: as they are). */
  componentSlugs?: string[] | undefined;
  componentState?: ComponentState | undefined;
  publishedUrl?: string | undefined;
}

export const COMMS_DELIVER_QUEUE = 'comms.deliver';
export interface CommsDeliverJob {
  communicationId: string;
  kind: 'blog_webhook' | 'press_mail';
}

export interface ChannelDeps {
  clock: Clock;
  /** From, Message-IDs and links of mail secdesk sends (the press statement; the customer email is from its address). */
  identity: MailIdentity;
  pressAddress: string | null;
  blog: BlogPublisher | null;
  statusPage: StatusPagePublisher | null;
  sender: CurrentSender;
}

/** What a channel's send does inside the transaction, and what it records. */
export type ChannelAction = (s: CommunicationsStore, c: CommunicationRow) => Promise<SentSnapshot['details']>;

/** Where an email channel goes: the security notices list (list mail), or the attached list's audience. */
export async function emailTarget(store: CommunicationsStore, c: CommunicationRow, audience: Audience | null): Promise<EmailList> {
  const target = await requireEmailList(store, c.channel, c.incidentId, audience);
  await requireRecipients(store, target.listId, target.audience);
  return target;
}

/** The channel's send: checked now (outside the transaction), done inside it. */
export async function channelAction(
  d: ChannelDeps & { sends: SendsService },
  store: CommunicationsStore,
  ctx: ActionContext,
  c: CommunicationRow,
  incident: IncidentRecord,
  version: CommunicationVersion,
  options: SendOptions,
): Promise<ChannelAction> {
  switch (c.channel) {
    case 'customer_email':
    case 'security_alert':
      return emailAction(d, d.sends, ctx, c, version);
    case 'blog_post':
      return blogAction(d, options);
    case 'customer_faq':
      return async () => ({ publishedTo: 'support' });
    case 'social_post':
      return socialAction(store, incident, version, options);
    case 'status_page':
      return statusPageAction(d, ctx, incident, version, options);
    case 'press_statement':
      return pressAction(d);
  }
}

function emailAction(d: ChannelDeps, sends: SendsService, ctx: ActionContext, c: CommunicationRow, version: CommunicationVersion): ChannelAction {
  if (!c.sendId || !c.testSendId) throw new ConflictError('send a test of the approved version to the reviewers first');
  // The fan-out stores its own normalised From; the text must be exactly the approved version's.
  const approved = (send: Send) => {
    const expected = fanoutContentHash({ from: send.from, subject: version.subject, body: version.body, listMail: send.listMail });
    if (send.contentHash !== expected || send.from.toLowerCase() !== d.identity.address.toLowerCase())
      throw new ConflictError('the tested content is not the approved version: test again');
  };
  return async (s, now) => {
    const send = await sends.startIn(s, ctx, now.sendId!, { check: approved, audit: { communicationId: c.id } });
    return {
      sendId: send.id,
      listId: send.listId,
      audience: send.audience,
      from: send.from,
      replyTo: send.from,
      listMail: send.listMail,
      fanoutContentHash: send.contentHash,
    };
  };
}

function blogAction(d: ChannelDeps, options: SendOptions): ChannelAction {
  if (d.blog) {
    return async (s, c) => {
      await s.communications.setPublish(c.id, { state: 'pending', error: null });
      await s.jobs.send(COMMS_DELIVER_QUEUE, { communicationId: c.id, kind: 'blog_webhook' } satisfies CommsDeliverJob, { singletonKey: `blog:${c.id}` });
      return { publishedVia: 'webhook' };
    };
  }
  const url = checkedUrl(options.publishedUrl);
  return async (s, c) => {
    await s.communications.setPublish(c.id, { state: 'published', url, error: null });
    return { publishedVia: 'manual', publishedUrl: url };
  };
}

async function socialAction(store: CommunicationsStore, incident: IncidentRecord, version: CommunicationVersion, options: SendOptions): Promise<ChannelAction> {
  const network = options.network;
  if (!network) throw new ValidationError('name the social network the post is released for');
  const advocates = (await store.communications.tasks(incident.id)).filter((t) => t.team === 'community_advocates');
  if (!advocates.some((t) => t.ownerId || t.doneAt))
    throw new ConflictError('engage Community Advocates first (a task with an owner): the post is released to them');
  const length = socialLength(version.body, network);
  if (length > SOCIAL_LIMITS[network].max) throw new ValidationError(`${length} characters: ${network} allows ${SOCIAL_LIMITS[network].max}`);
  return async () => ({ network, releasedTo: 'community_advocates', length });
}

function statusPageAction(d: ChannelDeps, ctx: ActionContext, incident: IncidentRecord, version: CommunicationVersion, options: SendOptions): ChannelAction {
  const statusPage = d.statusPage;
  if (!statusPage) throw new ValidationError('the status page is not configured');
  const status = options.status;
  if (!status) throw new ValidationError('give the status page status (investigating, identified, monitoring, resolved)');
  // Published in the send's transaction: a conflict that rolls the send back leaves nothing public.
  return async (s, c) => {
    const { url } = await statusPage.publish(s, ctx, {
      incidentId: incident.id,
      status,
      subject: version.subject,
      body: version.body,
      componentSlugs: options.componentSlugs,
      componentState: options.componentState,
    });
    await s.communications.setPublish(c.id, { state: 'published', url, error: null });
    return {
      status,
      url,
      ...(options.componentSlugs?.length ? { components: options.componentSlugs.join(', ') } : {}),
      ...(options.componentState ? { componentState: options.componentState } : {}),
    };
  };
}

function pressAction(d: ChannelDeps): ChannelAction {
  const to = d.pressAddress;
  return async (s, c) => {
    if (to && d.sender()) {
      await s.communications.setPublish(c.id, { state: 'pending', error: null });
      await s.jobs.send(COMMS_DELIVER_QUEUE, { communicationId: c.id, kind: 'press_mail' } satisfies CommsDeliverJob, { singletonKey: `press:${c.id}` });
    }
    return { releasedTo: 'press', pressAddress: to && d.sender() ? to : null };
  };
}

async function requireRecipients(store: CommunicationsStore, listId: string, audience: Audience | null): Promise<void> {
  const counts = await store.fanout.listCounts(listId);
  const members = audience ? counts[audience] : counts.users + counts.customers;
  if (members === 0) throw new ValidationError(`the distribution list has nobody${audience ? ` in the ${audience} audience` : ''} to send to`);
}

function checkedUrl(value: string | undefined): string {
  if (!value) throw new ValidationError('give the published URL of the blog post (no publish webhook is configured: SECDESK_BLOG_WEBHOOK_URL)');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError('the published URL is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError('the published URL must be http(s)');
  return url.href;
}
