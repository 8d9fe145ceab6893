// All clear has one owner: every send calls reachAllClearIfComplete inside its transaction, and it
// records all clear (the plan's all_clear_at, the audit entry, the timeline event) exactly once, when
// every channel chosen for the final round has a sent snapshot (flow.ts's finalRoundSent).
import type { ActionContext } from '../context.ts';
import type { CommunicationsStore } from './communications.ports.ts';
import { finalRoundSent } from './flow.ts';
import { addToTimeline } from '../incidents/timeline.ts';

export async function reachAllClearIfComplete(s: CommunicationsStore, ctx: ActionContext, incidentId: string, at: Date): Promise<boolean> {
  // Locked: two sends finishing the final round take turns, so the second sees the first's snapshot.
  const rounds = await s.communications.rounds(incidentId, true);
  const final = rounds.find((r) => r.final);
  if (!final) return false;
  const plan = await s.communications.plan(incidentId);
  if (plan?.allClearAt) return false;
  const communications = await s.communications.forIncident(incidentId);
  const medium = plan ? { channels: plan.channels, decidedBy: plan.mediumDecidedBy ?? '', decidedAt: plan.mediumDecidedAt ?? at } : null;
  if (!finalRoundSent({ medium, rounds, communications })) return false;
  if (!(await s.communications.markAllClear(incidentId, at))) return false;
  await s.audit.append(ctx, {
    action: 'comms.all_clear',
    entityType: 'incident',
    entityId: incidentId,
    after: { round: final.number, channels: final.channels },
  });
  await addToTimeline(s, incidentId, { at, kind: 'comms', summary: 'All clear: the final communications are sent', actorLabel: ctx.actor.label });
  return true;
}
