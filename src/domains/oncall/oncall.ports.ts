import type { UsersRepository } from '../accounts/accounts.ports.ts';
import type { AuditPort } from '../ports.ts';
import type { TicketsRepository } from '../tickets/tickets.ports.ts';
import type { OnCallRole } from './oncall-roles.ts';
import type { Rotation } from './oncall.types.ts';

export interface RotationsRepository {
  /** The stored rotation of a role, or null when none was saved yet. */
  get(role: OnCallRole): Promise<Rotation | null>;
  save(role: OnCallRole, rotation: Rotation): Promise<void>;
}

export interface OnCallStore {
  rotations: RotationsRepository;
  users: UsersRepository;
  /** For the people who can take an on-call role (enabled users holding a role by name). */
  tickets: Pick<TicketsRepository, 'agents'>;
  audit: AuditPort;
}
