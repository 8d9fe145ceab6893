// Review of the current version: request review, approve or reject. Approving is refused — with the
// reason shown beside the disabled button — to the person who drafted it, while the linter has
// findings, or when the version is already approved. An approval voided by a later edit is shown.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { Time } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useAction } from '../../useAction.ts';
import type { Communication, CommsLintResult } from '../../types.ts';
import { commPath } from './paths.ts';
import { useChannelDuty } from './useChannelDuty.ts';

/** Why the signed-in person may not approve the current version, or null when they may. */
export function whyNotApprove(communication: Communication, me: { id: string } | null, canReview: boolean, lint: CommsLintResult | null): string | null {
  const version = communication.currentVersion;
  if (communication.status === 'sent') return 'Already sent.';
  if (communication.approval?.version === version) return `Version ${version} is already approved.`;
  const author = communication.versions.find((v) => v.version === version);
  if (me && author?.authorId === me.id) return `You wrote version ${version}: another reviewer must approve it (separation of duties).`;
  if (!canReview) return 'You do not hold a role that reviews this channel.';
  if (!lint) return 'Waiting for the linter.';
  if (!lint.clean) return 'The linter has findings: fix them in a new version first.';
  return null;
}

type Approval = NonNullable<Communication['approval']>;

export function ApprovalState({ communication, voided }: { communication: Communication; voided: Approval | null }) {
  const approval = communication.approval ?? voided;
  if (!approval) return <p className="muted">Not approved yet.</p>;
  if (approval.version === communication.currentVersion)
    return (
      <p className="state notice">
        Version {approval.version} approved by {approval.approver} · <Time iso={approval.approvedAt} />
      </p>
    );
  return (
    <p className="state warning" role="status">
      Approval voided by edit: {approval.approver} approved version {approval.version}; version {communication.currentVersion} needs a new review.
    </p>
  );
}

/** Who was asked to review which version, when; an older request is shown as superseded. */
function ReviewRequestState({ communication }: { communication: Communication }) {
  const request = communication.reviewRequest;
  if (!request) return null;
  const names = request.reviewers.map((r) => r.name).join(', ');
  if (request.version !== communication.currentVersion)
    return (
      <p className="muted small">
        Review of version {request.version} was requested of {names}; version {communication.currentVersion} has not been sent for review.
      </p>
    );
  return (
    <p className="state notice" role="status">
      Review of version {request.version} requested of {names} by {request.requestedBy} · <Time iso={request.requestedAt} />
    </p>
  );
}

export function ReviewActions({
  incidentId,
  communication,
  voided,
  lint,
  onChange,
}: {
  incidentId: string | null;
  communication: Communication;
  voided: Approval | null;
  lint: CommsLintResult | null;
  onChange(): void;
}) {
  const { me, can } = useSession();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const base = commPath(incidentId, communication.id);
  const version = communication.currentVersion;
  const holds = useChannelDuty(communication.channel);
  const blocked = whyNotApprove(communication, me, can('comms.review') && holds('review') !== false, lint);
  const comment = (body: string) => api('POST', `${base}/comments`, { body });
  const approve = () =>
    run(async () => {
      await api('POST', `${base}/approve`, { version });
      onChange();
    });
  const requestReview = () =>
    run(async () => {
      await api('POST', `${base}/review-request`);
      onChange();
    });
  const reject = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await comment(`Rejected version ${version}: ${reason.trim()}`);
      setReason('');
      setRejecting(false);
      onChange();
    });
  };
  if (communication.status === 'sent') return null;
  return (
    <section aria-label="Review">
      <h4>Review</h4>
      <ApprovalState communication={communication} voided={voided} />
      <ReviewRequestState communication={communication} />
      <div className="row">
        {can('comms.draft') && holds('draft') !== false ? (
          <button
            type="button"
            disabled={busy || communication.status === 'in_review' || communication.approval?.version === version}
            onClick={() => void requestReview()}
          >
            Request review
          </button>
        ) : null}
        <button
          type="button"
          className="primary"
          disabled={busy || blocked !== null}
          aria-describedby={blocked ? `why-${communication.id}` : undefined}
          onClick={() => void approve()}
        >
          Approve version {version}
        </button>
        <button type="button" disabled={busy || !can('comms.review') || holds('review') === false} onClick={() => setRejecting(!rejecting)}>
          Reject
        </button>
      </div>
      {holds('review') === false ? (
        <p className="muted small" role="note">
          Reviewed by: {holds.holders('review')}
        </p>
      ) : null}
      {blocked ? (
        <p id={`why-${communication.id}`} className="muted small" role="note">
          Cannot approve: {blocked}
        </p>
      ) : null}
      {rejecting ? (
        <form className="form" onSubmit={reject} aria-label="Reject">
          <label>
            What must change
            <textarea rows={2} value={reason} required minLength={3} maxLength={4000} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="row">
            <button type="submit" disabled={busy}>
              Reject version {version}
            </button>
          </div>
        </form>
      ) : null}
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
