// Reading the stored rotations: a role without a saved rotation has an empty one (nobody on
// call, warned as a gap), so declaring an incident never fails for want of a schedule.
import { DateTime } from 'luxon';
import { ON_CALL_ROLE_LABELS, type OnCallRole } from './oncall-roles.ts';
import type { Gap, Rotation, Shift } from './oncall.types.ts';
import type { RotationsRepository } from './oncall.ports.ts';
import { gaps } from './rotation-gaps.ts';
import { whoIsOnCall } from './rotation.ts';

/** How far ahead gaps are looked for. */
export const GAP_HORIZON_DAYS = 14;

export function emptyRotation(role: OnCallRole, at: Date): Rotation {
  return {
    id: role,
    name: ON_CALL_ROLE_LABELS[role],
    role,
    timeZone: 'UTC',
    participants: [],
    handOver: { kind: 'weekly', weekday: 1, time: '09:00' },
    // A week back, so the first shift of a rotation filled in from this default has already begun.
    startDate: DateTime.fromJSDate(at, { zone: 'UTC' }).minus({ days: 7 }).toISODate()!,
    overrides: [],
  };
}

export async function rotationOf(repo: RotationsRepository, role: OnCallRole, at: Date): Promise<Rotation> {
  return (await repo.get(role)) ?? emptyRotation(role, at);
}

export async function onCallAt(repo: RotationsRepository, role: OnCallRole, at: Date): Promise<Shift | null> {
  return whoIsOnCall(await rotationOf(repo, role, at), at);
}

export function upcomingGaps(rotation: Rotation, at: Date): Gap[] {
  return gaps(rotation, at, new Date(at.getTime() + GAP_HORIZON_DAYS * 86_400_000));
}
