// Chat slash commands: `/incident declare <title>` declares an incident as the secdesk person whose
// chat handle is the caller's chat user, with their own permissions. The answer is a short text
// for the caller only. The caller is identified by the platform's signed request (see the route).
import { can, type Actor } from '../../authz/authorize.ts';
import type { ActionContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import type { Incident, NewIncident } from '../incidents/incidents.types.ts';
import type { ChatStore } from './chat.ports.ts';

const HELP = 'Usage: /incident declare <title> — declares a security incident in secdesk (you can then set its facts there).';

export interface ChatCommand {
  platform: 'Slack' | 'Mattermost';
  /** The caller's platform user id. */
  userHandle: string;
  text: string;
  requestId?: string;
  ip?: string;
}

export class ChatCommandsService {
  readonly #store: Transactor<ChatStore>;
  readonly #declare: (ctx: ActionContext, input: NewIncident) => Promise<Incident>;
  readonly #link: (incidentId: string) => string | null;

  constructor(deps: {
    store: Transactor<ChatStore>;
    declare: (ctx: ActionContext, input: NewIncident) => Promise<Incident>;
    link: (incidentId: string) => string | null;
  }) {
    this.#store = deps.store;
    this.#declare = deps.declare;
    this.#link = deps.link;
  }

  /** Always answers with words for the caller; refusals are answers, not errors. */
  async run(command: ChatCommand): Promise<string> {
    const match = /^\s*declare\s+([\s\S]+)$/i.exec(command.text);
    if (!match) return HELP;
    const user = await this.#store.read.chatHandles.userByHandle(command.userHandle);
    if (!user || user.disabled)
      return `Your ${command.platform} user is not linked to a secdesk account: set your chat handle (${command.userHandle}) on your secdesk Account page.`;
    const actor: Actor = { kind: 'user', userId: user.id, label: `${user.email} (via ${command.platform})`, roles: user.roles };
    if (!can(actor, 'incidents.write')) return 'You may not declare incidents in secdesk (your roles do not include incident response).';
    const title = match[1]!.replace(/\s+/g, ' ').trim();
    try {
      const incident = await this.#declare(
        { actor, requestId: command.requestId, ip: command.ip },
        {
          title,
          description: `Declared from ${command.platform} by ${user.email}.`,
          type: 'other',
          impact: 3,
          likelihood: 3,
        },
      );
      const link = this.#link(incident.id);
      return `Declared incident #${incident.number}: ${incident.title} (risk ${incident.risk.label}).${link ? ` Open it in secdesk: ${link}` : ''} Set its facts there; the incident channel opens shortly.`;
    } catch (err) {
      if (err instanceof DomainError) return `Not declared: ${err.message}`;
      throw err;
    }
  }
}
