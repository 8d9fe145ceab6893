// A local Slack Web API on loopback for tests: the real request format (POST /api/<method>, JSON or
// form-encoded, `Authorization: Bearer xoxb-…`) and answers ({ok:true,...} / {ok:false,error}, HTTP
// 429 with Retry-After). It records every call and can be told to fail, go down, or lose an answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, readBody, sendJson, type LoopbackServer } from './fake-http-server.ts';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  contentType: string;
}

export interface FakeChannel {
  id: string;
  name: string;
  is_private: boolean;
  topic: string;
  members: Set<string>;
}

type Failure = 'http_500' | 'http_429' | 'ratelimited' | 'invalid_auth' | 'channel_not_found';

export class FakeSlack {
  readonly token = 'xoxb-test-0000-secdesk';
  readonly botUserId = 'UBOT00001';
  readonly calls: SlackCall[] = [];
  readonly channels = new Map<string, FakeChannel>();
  readonly messages: { channel: string; text: string; ts: string }[] = [];
  /** Known people; inviting anyone else is user_not_found. */
  readonly users = new Set<string>(['U0ALICE01', 'U0BOB0002', 'U0DANA003']);
  readonly #failures: { method: string | null; how: Failure }[] = [];
  readonly #lostAnswers = new Set<string>();
  #down = false;
  #seq = 0;
  #server: LoopbackServer | null = null;
  url = '';

  async start(): Promise<this> {
    for (const [id, name] of [
      ['C0SECDEPT1', 'security-department'],
      ['C0EGROUP01', 'e-group'],
    ] as const)
      this.channels.set(id, { id, name, is_private: false, topic: '', members: new Set([this.botUserId]) });
    this.#server = await listenOnLoopback((req, res) => void this.#handle(req, res));
    this.url = `http://127.0.0.1:${this.#server.port}/api`;
    return this;
  }

  async stop(): Promise<void> {
    await this.#server?.close();
  }

  /** The next `times` calls (of `method`, or any) fail this way. */
  failNext(times: number, how: Failure, method: string | null = null): void {
    for (let i = 0; i < times; i++) this.#failures.push({ method, how });
  }

  /** While down, every connection is dropped without an answer. */
  setDown(down: boolean): void {
    this.#down = down;
  }

  /** The next call of `method` takes effect but its answer is lost (the connection drops). */
  loseAnswer(method: string): void {
    this.#lostAnswers.add(method);
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  channelNamed(name: string): FakeChannel | undefined {
    return [...this.channels.values()].find((c) => c.name === name);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.#down) {
      req.socket.destroy();
      return;
    }
    const raw = (await readBody(req)).toString('utf8');
    const contentType = String(req.headers['content-type'] ?? '');
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
    let args: Record<string, unknown>;
    if (req.method !== 'POST') return this.#send(res, 405, { ok: false, error: 'method_not_supported' });
    if (contentType.startsWith('application/json')) {
      try {
        args = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return this.#send(res, 200, { ok: false, error: 'invalid_json' });
      }
    } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
      args = Object.fromEntries(new URLSearchParams(raw));
    } else {
      return this.#send(res, 200, { ok: false, error: 'invalid_form_data' });
    }
    this.calls.push({ method, args, contentType });
    const auth = req.headers.authorization;
    if (!auth) return this.#send(res, 200, { ok: false, error: 'not_authed' });
    if (auth !== `Bearer ${this.token}`) return this.#send(res, 200, { ok: false, error: 'invalid_auth' });
    const failure = this.#failures.findIndex((f) => f.method === null || f.method === method);
    if (failure >= 0) {
      const { how } = this.#failures.splice(failure, 1)[0]!;
      if (how === 'http_500') return this.#send(res, 500, { ok: false, error: 'internal_error' });
      if (how === 'http_429') return this.#send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
      return this.#send(res, 200, { ok: false, error: how });
    }
    const answer = this.#method(method, args);
    if (this.#lostAnswers.delete(method)) {
      req.socket.destroy();
      return;
    }
    this.#send(res, 200, answer);
  }

  #send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    sendJson(res, status, body, headers, 'application/json; charset=utf-8');
  }

  #channel(ref: unknown): FakeChannel | undefined {
    const key = String(ref ?? '');
    return this.channels.get(key) ?? this.channelNamed(key.replace(/^#/, ''));
  }

  #ts(): string {
    return `${Math.floor(Date.now() / 1000)}.${String(++this.#seq).padStart(6, '0')}`;
  }

  #method(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'conversations.create': {
        const name = String(args.name ?? '');
        if (!name) return { ok: false, error: 'invalid_name_required' };
        if (!/^[a-z0-9_-]{1,80}$/.test(name)) return { ok: false, error: 'invalid_name_specials' };
        if (this.channelNamed(name)) return { ok: false, error: 'name_taken' };
        const channel: FakeChannel = {
          id: `C${String(++this.#seq).padStart(8, '0')}`,
          name,
          is_private: args.is_private === true || args.is_private === 'true',
          topic: '',
          members: new Set([this.botUserId]),
        };
        this.channels.set(channel.id, channel);
        return { ok: true, channel: this.#shape(channel) };
      }
      case 'conversations.setTopic': {
        const channel = this.#channel(args.channel);
        if (!channel) return { ok: false, error: 'channel_not_found' };
        channel.topic = String(args.topic ?? '');
        return { ok: true, channel: this.#shape(channel) };
      }
      case 'conversations.invite': {
        const channel = this.#channel(args.channel);
        if (!channel) return { ok: false, error: 'channel_not_found' };
        const users = String(args.users ?? '')
          .split(',')
          .filter(Boolean);
        if (users.length === 0) return { ok: false, error: 'no_user' };
        if (users.some((u) => !this.users.has(u))) return { ok: false, error: 'user_not_found' };
        if (users.every((u) => channel.members.has(u))) return { ok: false, error: 'already_in_channel' };
        for (const u of users) channel.members.add(u);
        return { ok: true, channel: this.#shape(channel) };
      }
      case 'conversations.list': {
        const all = [...this.channels.values()].filter((c) => !c.id.startsWith('D'));
        const limit = Math.min(Number(args.limit ?? 100), 1000);
        const start = Number(args.cursor ? Buffer.from(String(args.cursor), 'base64').toString() : 0);
        const page = all.slice(start, start + limit);
        const next = start + limit < all.length ? Buffer.from(String(start + limit)).toString('base64') : '';
        return { ok: true, channels: page.map((c) => this.#shape(c)), response_metadata: { next_cursor: next } };
      }
      case 'conversations.open': {
        const user = String(args.users ?? '');
        if (!this.users.has(user)) return { ok: false, error: 'user_not_found' };
        const id = `D${user.slice(1)}`;
        if (!this.channels.has(id)) this.channels.set(id, { id, name: id, is_private: true, topic: '', members: new Set([user, this.botUserId]) });
        return { ok: true, channel: { id } };
      }
      case 'chat.postMessage': {
        const channel = this.#channel(args.channel);
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (!String(args.text ?? '')) return { ok: false, error: 'no_text' };
        const ts = this.#ts();
        this.messages.push({ channel: channel.id, text: String(args.text), ts });
        return { ok: true, channel: channel.id, ts, message: { type: 'message', text: args.text, user: this.botUserId, ts } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  #shape(c: FakeChannel) {
    return {
      id: c.id,
      name: c.name,
      is_channel: !c.is_private,
      is_private: c.is_private,
      is_archived: false,
      topic: { value: c.topic },
      num_members: c.members.size,
    };
  }

  messagesIn(channelOrName: string): string[] {
    const channel = this.#channel(channelOrName);
    return channel ? this.messages.filter((m) => m.channel === channel.id).map((m) => m.text) : [];
  }
}
