// Setup: the first-run checklist an admin follows after `npm start`, and a test mail through the
// configured relay. The facts come from the settings in force and from the other domains' services,
// for admins, who may see all of it.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext } from '../context.ts';
import { ValidationError } from '../errors.ts';
import type { CurrentSender, OutgoingMail } from '../mail/replies.service.ts';
import { SETTINGS_PAGE } from '../settings/settings.types.ts';
import { ON_CALL_ROLES, type OnCallRole } from '../oncall/oncall-roles.ts';
import { buildChecklist, PLAN_ROLES, type ChecklistItem, type SetupFacts } from './checklist.ts';

/** What the settings in force say, as the setup service needs it (read on every checklist: settings change in the app). */
export type SetupSettings = Pick<SetupFacts, 'publicUrl' | 'securityAddress' | 'teamName' | 'calendar' | 'policyLinks' | 'chat' | 'inApp'>;

/** Reads of the other domains (the checklist is for admins: they may see all of it). */
export interface SetupSources {
  holdersOf(role: string): Promise<number>;
  onCallNow(): Promise<Record<OnCallRole, string | null>>;
  groupsWithoutContacts(): Promise<string[]>;
  compliance(): Promise<SetupFacts['compliance']>;
  emailOf(userId: string): Promise<string | null>;
}

export interface TestMailResult {
  to: string;
  delivered: boolean;
  /** The relay's refusal, or how the mail went out. */
  detail: string;
}

export class SetupService {
  /** Reads the settings in force now (another instance may have changed them). */
  readonly #settings: () => Promise<SetupSettings>;
  readonly #sources: SetupSources;
  readonly #sender: CurrentSender;
  readonly #message: (to: string) => Omit<OutgoingMail, 'to'>;

  constructor(deps: { settings: () => Promise<SetupSettings>; sources: SetupSources; sender: CurrentSender; testMail(to: string): Omit<OutgoingMail, 'to'> }) {
    this.#settings = deps.settings;
    this.#sources = deps.sources;
    this.#sender = deps.sender;
    this.#message = deps.testMail;
  }

  async checklist(ctx: ActionContext): Promise<{ items: ChecklistItem[]; done: number; total: number }> {
    authorize(ctx.actor, 'users.manage');
    const roleHolders = Object.fromEntries(
      await Promise.all(PLAN_ROLES.map(async (r) => [r.role, await this.#sources.holdersOf(r.role)] as const)),
    ) as SetupFacts['roleHolders'];
    const [onCall, groupsWithoutContacts, compliance] = await Promise.all([
      this.#sources.onCallNow(),
      this.#sources.groupsWithoutContacts(),
      this.#sources.compliance(),
    ]);
    const items = buildChecklist({
      ...(await this.#settings()),
      relay: { configured: this.#sender() !== null },
      roleHolders,
      onCall: fill(onCall),
      groupsWithoutContacts,
      compliance,
    });
    return { items, done: items.filter((i) => i.state === 'done').length, total: items.length };
  }

  /** Sends one mail to the asking admin through the relay now, and says what the relay answered. */
  async sendTestMail(ctx: ActionContext): Promise<TestMailResult> {
    authorize(ctx.actor, 'users.manage');
    await this.#settings(); // rereads them: the relay saved in the app, also by another instance
    const sender = this.#sender();
    if (!sender) throw new ValidationError(`no outgoing mail relay is configured: set the outgoing mail relay (SMTP_URL) in ${SETTINGS_PAGE}`);
    const to = ctx.actor.userId ? await this.#sources.emailOf(ctx.actor.userId) : null;
    if (!to) throw new ValidationError('a test mail goes to the signed-in person: sign in as a person, not as secdesk itself');
    try {
      await sender.send({ ...this.#message(to), to });
      return { to, delivered: true, detail: 'the relay accepted the test mail' };
    } catch (err) {
      return { to, delivered: false, detail: err instanceof Error ? err.message : String(err) };
    }
  }
}

function fill(onCall: Partial<Record<OnCallRole, string | null>>): Record<OnCallRole, string | null> {
  return Object.fromEntries(ON_CALL_ROLES.map((r) => [r, onCall[r] ?? null])) as Record<OnCallRole, string | null>;
}
