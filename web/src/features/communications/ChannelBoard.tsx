// The current round's channels: each one's communication and state, or a button to draft it from
// the channel's template with the incident's facts (a missing fact is refused with its position).
// Two round-wide actions spare a click per channel: draft every undrafted channel the person may
// draft, and request review of every draft; each is still its own communication's draft or request.
import { useState } from 'react';
import { api } from '../../api.ts';
import { Badge } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useAction } from '../../useAction.ts';
import type { Communication, CommsChannel, CommsPlan, CommunicationSummary } from '../../types.ts';
import { customersFirstBlock } from './CustomersFirst.tsx';
import { problemsOf, ProblemList } from './DraftEditor.tsx';
import { CHANNEL_LABELS, isPublic, STATUS_LABELS } from './labels.ts';
import { commsPath } from './paths.ts';
import { currentRound } from './Rounds.tsx';
import { useChannelDuty, useDuties } from './useChannelDuty.ts';

export function ChannelBoard({
  plan,
  selected,
  onSelect,
  onChange,
}: {
  plan: CommsPlan;
  selected: string | null;
  onSelect(id: string): void;
  onChange(): void;
}) {
  const { can } = useSession();
  const round = currentRound(plan);
  const [problems, setProblems] = useState<ReturnType<typeof problemsOf>>([]);
  const { busy, error, run } = useAction({ describe: (err) => (setProblems(problemsOf(err)), (err as Error).message) });
  const inRound = plan.communications.filter((c) => c.round === round);
  const channels = [...new Set<CommsChannel>([...plan.channels, ...inRound.map((c) => c.channel)])];
  const draft = (channel: CommsChannel) => {
    setProblems([]);
    void run(async () => {
      const created = await api<Communication>('POST', commsPath(plan.incidentId), { channel });
      onChange();
      onSelect(created.id);
    });
  };
  const draftAll = (undrafted: CommsChannel[]) => {
    setProblems([]);
    void run(async () => {
      const created: Communication[] = [];
      try {
        for (const channel of undrafted) created.push(await api<Communication>('POST', commsPath(plan.incidentId), { channel }));
      } finally {
        onChange();
        if (created[0]) onSelect(created[0].id);
      }
    });
  };
  const requestAll = (drafts: string[]) =>
    void run(async () => {
      try {
        for (const id of drafts) await api('POST', `${commsPath(plan.incidentId)}/${id}/review-request`);
      } finally {
        onChange();
      }
    });
  const earlier = plan.communications.filter((c) => c.round !== round);
  return (
    <section aria-labelledby="channels-heading">
      <h3 id="channels-heading">Round {round}</h3>
      {channels.length === 0 ? (
        <p className="state">Decide the medium first: no channel is chosen.</p>
      ) : (
        <table className="list" aria-label={`Communications of round ${round}`}>
          <thead>
            <tr>
              <th>Channel</th>
              <th>State</th>
              <th>Customers first</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {channels.map((channel) => {
              const comm = inRound.find((c) => c.channel === channel);
              const waits = customersFirstBlock(plan, round, channel);
              return (
                <tr key={channel} aria-selected={comm ? comm.id === selected : false}>
                  <td>
                    {CHANNEL_LABELS[channel]}
                    {isPublic(channel) ? <span className="muted small"> (public)</span> : null}
                  </td>
                  <td>
                    {comm ? (
                      <>
                        <Badge kind={`comm-${comm.status}`}>{STATUS_LABELS[comm.status]}</Badge> version {comm.currentVersion}
                        {comm.approval?.version === comm.currentVersion ? ', approved' : comm.approval ? ', approval voided by edit' : ''}
                      </>
                    ) : (
                      <span className="muted">not drafted</span>
                    )}
                  </td>
                  <td>
                    {channel === 'customer_email' ? (
                      'goes first'
                    ) : waits ? (
                      <span className="sla-at-risk">waits for the customer email</span>
                    ) : isPublic(channel) ? (
                      'may go out'
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {comm ? (
                      <button type="button" className="link" onClick={() => onSelect(comm.id)}>
                        Open {CHANNEL_LABELS[channel]}
                      </button>
                    ) : can('comms.draft') ? (
                      <DraftButton channel={channel} busy={busy} onDraft={() => draft(channel)} />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {can('comms.draft') ? <RoundActions channels={channels} inRound={inRound} busy={busy} onDraftAll={draftAll} onRequestAll={requestAll} /> : null}
      <ProblemList problems={problems} label="Template errors" />
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      {earlier.length ? (
        <details>
          <summary>Earlier rounds ({earlier.length})</summary>
          <ul className="history">
            {earlier.map((c) => (
              <li key={c.id}>
                Round {c.round}:{' '}
                <button type="button" className="link" onClick={() => onSelect(c.id)}>
                  {CHANNEL_LABELS[c.channel]}
                </button>{' '}
                <Badge kind={`comm-${c.status}`}>{STATUS_LABELS[c.status]}</Badge>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** Drafting is offered to those who hold the channel's draft duty; others see who does. */
function DraftButton({ channel, busy, onDraft }: { channel: CommsChannel; busy: boolean; onDraft(): void }) {
  const holds = useChannelDuty(channel);
  const mayNot = holds('draft') === false;
  const why = `draft-who-${channel}`;
  return (
    <>
      <button type="button" disabled={busy || mayNot} aria-describedby={mayNot ? why : undefined} onClick={onDraft}>
        Draft {CHANNEL_LABELS[channel]} from template
      </button>
      {mayNot ? (
        <span id={why} className="muted small">
          {' '}
          Drafted by: {holds.holders('draft')}
        </span>
      ) : null}
    </>
  );
}

/** Draft every undrafted channel the person may draft; request review of every draft not yet asked for (both shown when there are two or more). */
function RoundActions({
  channels,
  inRound,
  busy,
  onDraftAll,
  onRequestAll,
}: {
  channels: CommsChannel[];
  inRound: CommunicationSummary[];
  busy: boolean;
  onDraftAll(channels: CommsChannel[]): void;
  onRequestAll(ids: string[]): void;
}) {
  const duties = useDuties();
  const mayDraft = (channel: CommsChannel) => duties(channel, 'draft') !== false;
  const undrafted = channels.filter((c) => !inRound.some((comm) => comm.channel === c) && mayDraft(c));
  const drafts = inRound.filter((c) => c.status === 'draft' && mayDraft(c.channel)).map((c) => c.id);
  if (undrafted.length < 2 && drafts.length < 2) return null;
  return (
    <div className="row">
      {undrafted.length >= 2 ? (
        <button type="button" disabled={busy} onClick={() => onDraftAll(undrafted)}>
          Draft all {undrafted.length} channels from templates
        </button>
      ) : null}
      {drafts.length >= 2 ? (
        <button type="button" disabled={busy} onClick={() => onRequestAll(drafts)}>
          Request review of all {drafts.length} drafts
        </button>
      ) : null}
    </div>
  );
}
