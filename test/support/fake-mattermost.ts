// A local Mattermost API v4 on loopback for tests: JSON requests with `Authorization: Bearer
// <token>`, real-shaped answers (201 with the created object) and errors ({id, message,
// status_code, request_id}). It records every call and can be told to fail or go down.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, readBody, sendJson, type LoopbackServer } from './fake-http-server.ts';

export interface MattermostCall {
  method: string;
  path: string;
  body: unknown;
}

interface Channel {
  id: string;
  team_id: string;
  name: string;
  display_name: string;
  header: string;
  type: 'O' | 'P' | 'D';
  members: Set<string>;
}

const newId = () => randomBytes(13).toString('hex');

export class FakeMattermost {
  readonly token = 'mm-bot-token-for-tests';
  readonly teamId = newId();
  readonly teamName = 'security';
  readonly bot = { id: newId(), username: 'secdesk-bot' };
  readonly users = new Map<string, { id: string; username: string }>();
  readonly channels = new Map<string, Channel>();
  readonly posts: { id: string; channel_id: string; message: string }[] = [];
  readonly calls: MattermostCall[] = [];
  #failNext = 0;
  #down = false;
  #server: LoopbackServer | null = null;
  url = '';

  constructor() {
    for (const username of ['alice', 'bob', 'dana']) this.users.set(username, { id: newId(), username });
    this.users.set(this.bot.username, this.bot);
    const security: Channel = {
      id: newId(),
      team_id: this.teamId,
      name: 'security-department',
      display_name: 'Security Department',
      header: '',
      type: 'O',
      members: new Set([this.bot.id]),
    };
    this.channels.set(security.id, security);
  }

  async start(): Promise<this> {
    this.#server = await listenOnLoopback((req, res) => void this.#handle(req, res));
    this.url = `http://127.0.0.1:${this.#server.port}`;
    return this;
  }

  async stop(): Promise<void> {
    await this.#server?.close();
  }

  failNext(times: number): void {
    this.#failNext += times;
  }

  setDown(down: boolean): void {
    this.#down = down;
  }

  userId(username: string): string {
    return this.users.get(username)!.id;
  }

  channelNamed(name: string): Channel | undefined {
    return [...this.channels.values()].find((c) => c.name === name);
  }

  messagesIn(channelId: string): string[] {
    return this.posts.filter((p) => p.channel_id === channelId).map((p) => p.message);
  }

  #error(res: ServerResponse, status: number, id: string, message: string): void {
    this.#send(res, status, { id, message, detailed_error: '', request_id: newId(), status_code: status });
  }

  #send(res: ServerResponse, status: number, body: unknown): void {
    sendJson(res, status, body);
  }

  #shape(c: Channel) {
    return {
      id: c.id,
      create_at: Date.now(),
      update_at: Date.now(),
      delete_at: 0,
      team_id: c.team_id,
      type: c.type,
      display_name: c.display_name,
      name: c.name,
      header: c.header,
      purpose: '',
      creator_id: this.bot.id,
    };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.#down) {
      req.socket.destroy();
      return;
    }
    const raw = (await readBody(req)).toString('utf8');
    const path = decodeURI((req.url ?? '').split('?')[0]!);
    let body: unknown = null;
    if (raw) {
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
        return this.#error(res, 400, 'api.context.invalid_body_param.app_error', 'Invalid or missing body in request body.');
      try {
        body = JSON.parse(raw);
      } catch {
        return this.#error(res, 400, 'api.context.invalid_body_param.app_error', 'Invalid or missing body in request body.');
      }
    }
    this.calls.push({ method: req.method ?? '', path, body });
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return this.#error(res, 401, 'api.context.session_expired.app_error', 'Invalid or expired session, please login again.');
    if (this.#failNext > 0) {
      this.#failNext--;
      return this.#error(res, 503, 'api.server.unavailable', 'Service unavailable');
    }
    this.#route(req.method ?? 'GET', path, body as Record<string, unknown>, res);
  }

  #route(method: string, path: string, body: Record<string, unknown>, res: ServerResponse) {
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/api/v4/users/me') return this.#send(res, 200, this.bot);
    if (method === 'GET' && (m = /^\/api\/v4\/users\/username\/([^/]+)$/.exec(path))) {
      const user = this.users.get(m[1]!);
      return user ? this.#send(res, 200, user) : this.#error(res, 404, 'app.user.missing_account.const', 'Unable to find the user.');
    }
    if (method === 'GET' && (m = /^\/api\/v4\/teams\/([^/]+)$/.exec(path))) {
      return m[1] === this.teamId
        ? this.#send(res, 200, { id: this.teamId, name: this.teamName, display_name: 'Security' })
        : this.#error(res, 404, 'app.team.get.find.app_error', 'Unable to find the existing team.');
    }
    if (method === 'GET' && (m = /^\/api\/v4\/teams\/([^/]+)\/channels\/name\/([^/]+)$/.exec(path))) {
      const channel = [...this.channels.values()].find((c) => c.team_id === m![1] && c.name === m![2]);
      return channel
        ? this.#send(res, 200, this.#shape(channel))
        : this.#error(res, 404, 'app.channel.get_by_name.missing.app_error', 'Channel does not exist.');
    }
    if (method === 'POST' && path === '/api/v4/channels') {
      const name = String(body?.name ?? '');
      if (body?.team_id !== this.teamId) return this.#error(res, 400, 'model.channel.is_valid.team_id.app_error', 'Invalid team id.');
      if (!/^[a-z0-9_-]{1,64}$/.test(name)) return this.#error(res, 400, 'model.channel.is_valid.name.app_error', 'Invalid channel name.');
      if (body.type !== 'O' && body.type !== 'P') return this.#error(res, 400, 'model.channel.is_valid.type.app_error', 'Invalid type.');
      if (this.channelNamed(name))
        return this.#error(res, 400, 'store.sql_channel.save_channel.exists.app_error', 'A channel with that name already exists on the same team.');
      const channel: Channel = {
        id: newId(),
        team_id: this.teamId,
        name,
        display_name: String(body.display_name ?? name),
        header: String(body.header ?? ''),
        type: body.type,
        members: new Set([this.bot.id]),
      };
      this.channels.set(channel.id, channel);
      return this.#send(res, 201, this.#shape(channel));
    }
    if (method === 'POST' && (m = /^\/api\/v4\/channels\/([^/]+)\/members$/.exec(path))) {
      const channel = this.channels.get(m[1]!);
      if (!channel) return this.#error(res, 404, 'app.channel.get.existing.app_error', 'Unable to find the existing channel.');
      const userId = String(body?.user_id ?? '');
      if (![...this.users.values()].some((u) => u.id === userId)) return this.#error(res, 404, 'app.user.missing_account.const', 'Unable to find the user.');
      channel.members.add(userId);
      return this.#send(res, 201, { channel_id: channel.id, user_id: userId, roles: 'channel_user' });
    }
    if (method === 'POST' && path === '/api/v4/channels/direct') {
      const ids = body as unknown as string[];
      if (!Array.isArray(ids) || ids.length !== 2)
        return this.#error(res, 400, 'api.context.invalid_body_param.app_error', 'Invalid or missing user_ids in request body.');
      const name = [...ids].sort().join('__');
      let channel = this.channelNamed(name);
      if (!channel) {
        channel = { id: newId(), team_id: '', name, display_name: '', header: '', type: 'D', members: new Set(ids) };
        this.channels.set(channel.id, channel);
      }
      return this.#send(res, 201, this.#shape(channel));
    }
    if (method === 'POST' && path === '/api/v4/posts') {
      const channel = this.channels.get(String(body?.channel_id ?? ''));
      if (!channel) return this.#error(res, 403, 'api.context.permissions.app_error', 'You do not have the appropriate permissions.');
      const post = { id: newId(), channel_id: channel.id, message: String(body.message ?? ''), create_at: Date.now(), user_id: this.bot.id };
      this.posts.push(post);
      return this.#send(res, 201, post);
    }
    this.#error(res, 404, 'api.context.404.app_error', 'Sorry, we could not find the page.');
  }
}
