// Separation of duties, as pure rules: the author of a version cannot approve it; an edit after
// approval voids it (the approval names a version, so it holds only while that version is current);
// sending needs an approval of exactly the current version. The services call these with the
// stored state; nothing else decides.
import type { Actor } from '../../authz/authorize.ts';
import type { Approval, CommunicationVersion } from './communications.types.ts';

export interface ApprovalState {
  currentVersion: number;
  approval: Approval | null;
  versions: Pick<CommunicationVersion, 'version' | 'authorId' | 'author'>[];
}

/** The approval, if it approves the current version; an approval of an earlier version is void. */
export function currentApproval(state: ApprovalState): Approval | null {
  return state.approval && state.approval.version === state.currentVersion ? state.approval : null;
}

/** Why the actor may not approve this version, or null when they may. */
export function approvalRefusal(state: ApprovalState, actor: Actor, version: number): string | null {
  if (version !== state.currentVersion) return `version ${version} is not the current version (${state.currentVersion}); review the current one`;
  if (currentApproval(state)) return `version ${version} is approved already`;
  const author = state.versions.find((v) => v.version === version);
  if (!author) return `no version ${version}`;
  const sameUser = actor.userId !== null && author.authorId === actor.userId;
  if (sameUser || (actor.userId === null && author.authorId === null && author.author === actor.label))
    return 'the author of a version cannot approve it: another reviewer must';
  return null;
}

/** Why the current version may not be sent, or null when it may. */
export function sendRefusal(state: ApprovalState): string | null {
  const approval = currentApproval(state);
  if (!approval) {
    return state.approval
      ? `the approval of version ${state.approval.version} was voided by a later edit: version ${state.currentVersion} needs its own approval`
      : `version ${state.currentVersion} is not approved`;
  }
  return null;
}
