// Mattermost through API v4 with a bot's (or person's) access token. Errors come as
// {id, message, status_code}. Handles are Mattermost user names; channel names are at most 64
// characters of lower-case letters, digits, hyphens and underscores.
import { ChatError, type ChatChannelRef, type ChatPlatform } from '../../domains/chat/chat.ports.ts';
import { chatHttp } from './chat-http.ts';

const CHANNEL_EXISTS = 'store.sql_channel.save_channel.exists.app_error';

export interface MattermostOptions {
  url: string;
  token: string;
  teamId: string;
}

interface MattermostError {
  id?: string;
  message?: string;
  status_code?: number;
}

export function mattermostPlatform(options: MattermostOptions): ChatPlatform {
  const base = options.url.replace(/\/+$/, '');
  const team = encodeURIComponent(options.teamId);
  const cache = new Map<string, string>();

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await chatHttp('Mattermost', `${base}/api/v4${path}`, options.token, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (answer.status >= 200 && answer.status < 300) return answer.body as T;
    const err = (answer.body ?? {}) as MattermostError;
    throw Object.assign(new ChatError(`Mattermost ${method} ${path.split('?')[0]}: ${err.message ?? `HTTP ${answer.status}`}`, false), {
      mattermostId: err.id,
    });
  }
  async function cached(key: string, load: () => Promise<string>): Promise<string> {
    const hit = cache.get(key);
    if (hit) return hit;
    const value = await load();
    cache.set(key, value);
    return value;
  }
  const userId = (handle: string) =>
    cached(`user:${handle}`, async () => (await api<{ id: string }>('GET', `/users/username/${encodeURIComponent(handle.replace(/^@/, ''))}`)).id);
  const channelIdByName = (name: string) =>
    cached(
      `channel:${name}`,
      async () => (await api<{ id: string }>('GET', `/teams/${team}/channels/name/${encodeURIComponent(name.replace(/^[#~]/, ''))}`)).id,
    );
  const teamName = () => cached('team', async () => (await api<{ name: string }>('GET', `/teams/${team}`)).name);
  const me = () => cached('me', async () => (await api<{ id: string }>('GET', '/users/me')).id);

  return {
    name: 'mattermost',
    async createChannel(name, topic, { private: isPrivate }): Promise<ChatChannelRef> {
      const short = name.slice(0, 64).replace(/-+$/, '');
      let channel: { id: string; name: string };
      try {
        channel = await api('POST', '/channels', {
          team_id: options.teamId,
          name: short,
          display_name: short,
          header: topic.slice(0, 1024),
          type: isPrivate ? 'P' : 'O',
        });
      } catch (err) {
        if ((err as { mattermostId?: string }).mattermostId !== CHANNEL_EXISTS) throw err;
        channel = await api('GET', `/teams/${team}/channels/name/${encodeURIComponent(short)}`);
      }
      return { id: channel.id, url: `${base}/${encodeURIComponent(await teamName())}/channels/${encodeURIComponent(channel.name)}` };
    },
    async invite(channelId, userHandles) {
      for (const handle of userHandles) {
        await api('POST', `/channels/${encodeURIComponent(channelId)}/members`, { user_id: await userId(handle) });
      }
    },
    async post(channel, text) {
      const channelId = 'id' in channel ? channel.id : await channelIdByName(channel.name);
      return (await api<{ id: string }>('POST', '/posts', { channel_id: channelId, message: text })).id;
    },
    async directMessage(userHandle, text) {
      const direct = await api<{ id: string }>('POST', '/channels/direct', [await me(), await userId(userHandle)]);
      return (await api<{ id: string }>('POST', '/posts', { channel_id: direct.id, message: text })).id;
    },
  };
}
