// Slack through its Web API with a bot token (scopes: channels:manage, groups:write, channels:read,
// groups:read, chat:write, im:write). Every method answers {ok:true,...} or {ok:false,error}; HTTP 429
// carries Retry-After. The base URL is configurable so tests speak to a local server.
import { ChatError, type ChatChannelRef, type ChatPlatform } from '../../domains/chat/chat.ports.ts';
import { chatHttp } from './chat-http.ts';

/** Slack errors worth retrying; every other error is permanent (invalid_auth, channel_not_found, …). */
const TEMPORARY = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);
const FINE_ON_INVITE = new Set(['already_in_channel', 'cant_invite_self']);
const LIST_PAGES = 20;

interface SlackAnswer {
  ok: boolean;
  error?: string;
  channel?: { id: string; name?: string } | string;
  channels?: { id: string; name: string }[];
  ts?: string;
  response_metadata?: { next_cursor?: string };
}

export interface SlackOptions {
  token: string;
  /** e.g. https://slack.com/api */
  apiUrl: string;
}

export function slackPlatform(options: SlackOptions): ChatPlatform {
  const base = options.apiUrl.replace(/\/+$/, '');
  const webBase = base.replace(/\/api$/, '');
  const channelUrl = (id: string) => `${webBase}/app_redirect?channel=${encodeURIComponent(id)}`;

  async function call(method: string, args: Record<string, unknown>, form = false): Promise<SlackAnswer> {
    const body = form ? new URLSearchParams(Object.entries(args).map(([k, v]) => [k, String(v)])).toString() : JSON.stringify(args);
    const answer = await chatHttp('Slack', `${base}/${method}`, options.token, {
      method: 'POST',
      body,
      ...(form ? { contentType: 'application/x-www-form-urlencoded' } : {}),
    });
    const slack = answer.body as SlackAnswer | null;
    if (!slack || typeof slack.ok !== 'boolean') throw new ChatError(`Slack ${method} answered HTTP ${answer.status} without a Web API answer`, false);
    if (!slack.ok)
      throw Object.assign(new ChatError(`Slack ${method}: ${slack.error ?? 'unknown error'}`, TEMPORARY.has(slack.error ?? '')), { slackError: slack.error });
    return slack;
  }
  const slackError = (err: unknown) => (err as { slackError?: string }).slackError;

  /** A channel of this name already exists: ours from an attempt whose answer was lost. */
  async function findByName(name: string): Promise<string | null> {
    let cursor = '';
    for (let page = 0; page < LIST_PAGES; page++) {
      const answer = await call(
        'conversations.list',
        { types: 'public_channel,private_channel', exclude_archived: true, limit: 200, ...(cursor ? { cursor } : {}) },
        true,
      );
      const found = answer.channels?.find((c) => c.name === name);
      if (found) return found.id;
      cursor = answer.response_metadata?.next_cursor ?? '';
      if (!cursor) return null;
    }
    return null;
  }

  const idOf = (answer: SlackAnswer) => (typeof answer.channel === 'string' ? answer.channel : answer.channel?.id);

  return {
    name: 'slack',
    async createChannel(name, topic, { private: isPrivate }): Promise<ChatChannelRef> {
      let id: string | null | undefined;
      try {
        id = idOf(await call('conversations.create', { name, is_private: isPrivate }));
      } catch (err) {
        if (slackError(err) !== 'name_taken') throw err;
        id = await findByName(name);
        if (!id) throw new ChatError(`Slack: a channel named ${name} exists that secdesk cannot see (archived, or created by someone else)`, false);
      }
      if (!id) throw new ChatError('Slack conversations.create answered without a channel id', false);
      try {
        await call('conversations.setTopic', { channel: id, topic });
      } catch {
        // The topic only repeats the incident's title and link (both are posted too): a channel
        // without it is still the incident's channel, so its id is returned to be recorded now.
      }
      return { id, url: channelUrl(id) };
    },
    async invite(channelId, userHandles) {
      if (userHandles.length === 0) return;
      try {
        await call('conversations.invite', { channel: channelId, users: userHandles.join(',') });
      } catch (err) {
        if (!FINE_ON_INVITE.has(slackError(err) ?? '')) throw err;
      }
    },
    async post(channel, text) {
      const answer = await call('chat.postMessage', { channel: 'id' in channel ? channel.id : channel.name, text });
      return `${idOf(answer) ?? ''}/${answer.ts ?? ''}`;
    },
    async directMessage(userHandle, text) {
      const opened = idOf(await call('conversations.open', { users: userHandle }));
      if (!opened) throw new ChatError('Slack conversations.open answered without a channel id', false);
      const answer = await call('chat.postMessage', { channel: opened, text });
      return `${opened}/${answer.ts ?? ''}`;
    },
  };
}
