// Decision: the medium — which channels this incident's communications go through. Until it is
// decided, the channels the plan prescribes for the incident's risk level are offered preselected.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { useAction } from '../../useAction.ts';
import { CHANNELS } from '../../../../src/domains/communications/communications.types.ts';
import type { CommsChannel as Channel, CommsPlan } from '../../types.ts';
import { CHANNEL_LABELS, isPublic } from './labels.ts';
import { planPath } from './paths.ts';

/** The channels ticked: the decided ones, else those the plan prescribes for the risk level. */
export function useChosenChannels(plan: CommsPlan) {
  return useState<Channel[]>(plan.channels.length ? plan.channels : plan.prescribedChannels);
}

export const saveMedium = (plan: CommsPlan, channels: Channel[]) => api('PUT', `${planPath(plan.incidentId)}/medium`, { channels });

export function MediumForm({
  plan,
  canWrite,
  chosen,
  setChosen,
  onSaved,
}: {
  plan: CommsPlan;
  canWrite: boolean;
  chosen: Channel[];
  setChosen(channels: Channel[]): void;
  onSaved(): void;
}) {
  const { busy, error, run } = useAction();
  const toggle = (channel: Channel, on: boolean) =>
    setChosen(on ? CHANNELS.filter((c) => c === channel || chosen.includes(c)) : chosen.filter((c) => c !== channel));
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await saveMedium(plan, chosen);
      onSaved();
    });
  };
  return (
    <form className="card form" onSubmit={save} aria-label="Medium">
      <h3>Medium</h3>
      {plan.mediumDecidedBy ? (
        <p className="muted small">Decided by {plan.mediumDecidedBy}.</p>
      ) : (
        <p className="muted small">Not decided yet: preselected are the channels the plan prescribes for this risk level.</p>
      )}
      <fieldset className="fact-fields">
        <legend>Channels</legend>
        {CHANNELS.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" checked={chosen.includes(c)} disabled={!canWrite} onChange={(e) => toggle(c, e.target.checked)} />
            {CHANNEL_LABELS[c]}
            {isPublic(c) ? ' (public)' : ''}
          </label>
        ))}
      </fieldset>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      {canWrite ? (
        <div className="row">
          <button type="submit" className="primary" disabled={busy || chosen.length === 0}>
            Save channels
          </button>
        </div>
      ) : null}
    </form>
  );
}
