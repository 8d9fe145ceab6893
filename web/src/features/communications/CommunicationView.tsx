// One communication (or holding statement): draft editor, linter, review, versions with diffs,
// comments, and — for an incident's communication — sending and the sent proof.
import { useEffect, useRef } from 'react';
import { Badge, ErrorNote, Loading } from '../../components/ui.tsx';
import { useApi } from '../../useApi.ts';
import type { Communication, CommsPlan } from '../../types.ts';
import { Comments } from './Comments.tsx';
import { DraftEditor } from './DraftEditor.tsx';
import { CHANNEL_LABELS, STATUS_LABELS } from './labels.ts';
import { LintFindings, useLint } from './LintFindings.tsx';
import { commPath } from './paths.ts';
import { ReviewActions } from './ReviewActions.tsx';
import { SendSection } from './SendSection.tsx';
import { SentProof } from './SentProof.tsx';
import { Versions } from './Versions.tsx';

type Approval = NonNullable<Communication['approval']>;

export function CommunicationView({
  incidentId,
  communicationId,
  plan,
  onChange,
}: {
  incidentId: string | null;
  communicationId: string;
  plan: CommsPlan | null;
  onChange(): void;
}) {
  const { data, error, reload } = useApi<Communication>(commPath(incidentId, communicationId));
  // The API clears an approval when an edit voids it; the last one seen here is kept to say so.
  const seen = useRef<Approval | null>(null);
  useEffect(() => {
    if (data?.approval) seen.current = data.approval;
  }, [data]);
  // A blog webhook or press mail is delivered by a job: look again until it settles.
  const delivering = data?.publishState === 'pending';
  useEffect(() => {
    if (!delivering) return;
    const timer = setTimeout(reload, 3000);
    return () => clearTimeout(timer);
  }, [delivering, data, reload]);
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!data) return <Loading what="the communication" />;
  const changed = () => {
    reload();
    onChange();
  };
  const voided = !data.approval && seen.current && seen.current.version < data.currentVersion ? seen.current : null;
  return <Loaded incidentId={incidentId} communication={data} voided={voided} plan={plan} onChange={changed} />;
}

function Loaded({
  incidentId,
  communication,
  voided,
  plan,
  onChange,
}: {
  incidentId: string | null;
  communication: Communication;
  voided: Approval | null;
  plan: CommsPlan | null;
  onChange(): void;
}) {
  const lint = useLint(incidentId, communication.id, communication.currentVersion, communication.status !== 'sent');
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a communication moves focus (and the view) to it; reloads leave focus where it is.
  useEffect(() => heading.current?.focus(), [communication.id]);
  const label = communication.title ?? CHANNEL_LABELS[communication.channel];
  const current = communication.versions.find((v) => v.version === communication.currentVersion);
  return (
    <section className="card communication" aria-labelledby={`comm-${communication.id}`}>
      <h3 id={`comm-${communication.id}`} tabIndex={-1} ref={heading}>
        {label}
        {incidentId ? ` — round ${communication.round}` : ''} <Badge kind={`comm-${communication.status}`}>{STATUS_LABELS[communication.status]}</Badge>
      </h3>
      <p className="muted small">
        Version {communication.currentVersion} of {communication.versions.length}.
      </p>
      {communication.status === 'sent' ? (
        <SentProof communication={communication} path={commPath(incidentId, communication.id)} onChange={onChange} />
      ) : (
        <DraftEditor key={`${communication.id}-${communication.currentVersion}`} incidentId={incidentId} communication={communication} onSaved={onChange} />
      )}
      {communication.status !== 'sent' ? <LintFindings lint={lint} subject={current?.subject ?? ''} body={current?.body ?? ''} /> : null}
      <ReviewActions incidentId={incidentId} communication={communication} voided={voided} lint={lint.result} onChange={onChange} />
      {plan ? <SendSection plan={plan} communication={communication} onChange={onChange} /> : null}
      <Versions key={communication.currentVersion} incidentId={incidentId} communication={communication} />
      <Comments incidentId={incidentId} communication={communication} onAdded={onChange} />
    </section>
  );
}
