// User administration: who has an account and which roles they hold.
import { authorize } from '../../authz/authorize.ts';
import { permissionsOf } from '../../authz/policies.ts';
import { isRole, ROLE_LABELS, ROLES } from '../../authz/roles.ts';
import type { ActionContext } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import type { AccountsStore } from './accounts.ports.ts';
import { userView, type User, type UserView } from './accounts.types.ts';
import { checkPasswordPolicy, generatePassword, hashPassword } from './secrets.ts';

const EMAIL = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

export interface NewUserInput {
  email: string;
  name: string;
  roles: string[];
  password?: string | undefined;
}

export interface UserChangesInput {
  name?: string | undefined;
  roles?: string[] | undefined;
  disabled?: boolean | undefined;
}

function checkRoles(roles: string[]): string[] {
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length) throw new ValidationError(`unknown roles: ${unknown.join(', ')}`, { known: ROLES });
  return [...new Set(roles)];
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200) throw new ValidationError('a name of 1 to 200 characters is required');
  return trimmed;
}

export function rolesCatalogue() {
  return ROLES.map((role) => ({ role, label: ROLE_LABELS[role], permissions: permissionsOf([role]) }));
}

export class UsersService {
  readonly #store: Transactor<AccountsStore>;

  constructor(deps: { store: Transactor<AccountsStore> }) {
    this.#store = deps.store;
  }

  async list(ctx: ActionContext, limit: number, cursor: string | null): Promise<{ items: UserView[]; nextCursor: string | null }> {
    authorize(ctx.actor, 'users.read');
    const rows = await this.#store.read.users.list(limit + 1, cursor);
    const items = rows.slice(0, limit).map(userView);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
  }

  async create(ctx: ActionContext, input: NewUserInput): Promise<{ user: UserView; initialPassword?: string }> {
    authorize(ctx.actor, 'users.manage');
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 254) throw new ValidationError(`not an email address: ${input.email}`);
    const name = checkName(input.name);
    const roles = checkRoles(input.roles);
    if (input.password !== undefined) checkPasswordPolicy(input.password);
    const password = input.password ?? generatePassword();
    const passwordHash = await hashPassword(password);
    const user = await this.#store.transaction(async (s) => {
      if (await s.users.byEmail(email)) throw new ConflictError(`a user with email ${email} exists already`);
      const created = await s.users.insert({ email, name, roles, passwordHash });
      await s.audit.append(ctx, { action: 'user.created', entityType: 'user', entityId: created.id, after: userView(created) });
      return created;
    });
    return { user: userView(user), ...(input.password === undefined ? { initialPassword: password } : {}) };
  }

  async #get(id: string): Promise<User> {
    const user = await this.#store.read.users.byId(id);
    if (!user) throw new NotFoundError('user');
    return user;
  }

  async update(ctx: ActionContext, id: string, input: UserChangesInput): Promise<UserView> {
    authorize(ctx.actor, 'users.manage');
    const user = await this.#get(id);
    const roles = input.roles === undefined ? undefined : checkRoles(input.roles);
    if (id === ctx.actor.userId && input.disabled) throw new ValidationError('you cannot disable your own account');
    if (id === ctx.actor.userId && roles && !roles.includes('admin') && user.roles.includes('admin')) {
      throw new ValidationError('you cannot remove your own admin role');
    }
    const changes = {
      ...(input.name !== undefined ? { name: checkName(input.name) } : {}),
      ...(roles !== undefined ? { roles } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
    };
    const updated = await this.#store.transaction(async (s) => {
      const after = await s.users.update(id, changes);
      if (input.disabled) await s.sessions.deleteForUser(id);
      await s.audit.append(ctx, { action: 'user.updated', entityType: 'user', entityId: id, before: userView(user), after: userView(after) });
      return after;
    });
    return userView(updated);
  }

  /** Ends every session of the person (their password version moves on); their API tokens are kept. */
  async resetPassword(ctx: ActionContext, id: string): Promise<{ temporaryPassword: string }> {
    authorize(ctx.actor, 'users.manage');
    const user = await this.#get(id);
    const temporaryPassword = generatePassword();
    const passwordHash = await hashPassword(temporaryPassword);
    await this.#store.transaction(async (s) => {
      await s.users.update(id, { passwordHash, passwordVersion: user.passwordVersion + 1, failedLogins: 0, lockedUntil: null });
      const sessionsEnded = await s.sessions.deleteForUser(id);
      await s.audit.append(ctx, { action: 'user.password_reset', entityType: 'user', entityId: id, after: { sessionsEnded } });
    });
    return { temporaryPassword };
  }

  async resetTotp(ctx: ActionContext, id: string): Promise<void> {
    authorize(ctx.actor, 'users.manage');
    await this.#get(id);
    await this.#store.transaction(async (s) => {
      await s.users.update(id, { totpEnabled: false, totpSecret: null, totpLastStep: null });
      await s.sessions.deleteForUser(id);
      await s.audit.append(ctx, { action: 'user.totp_reset', entityType: 'user', entityId: id });
    });
  }
}
