// Stopping a regulatory clock: met (when the notification was made, a reference, notes) or not
// applicable (with the reason). Each is one small form opened from the clock's row.
import { useState } from 'react';
import { api } from '../../api.ts';
import { DateTimeField, nowIso } from '../../components/DateTimeField.tsx';
import { useAction } from '../../useAction.ts';
import type { RegulatoryClock } from '../../types.ts';

export function RegulatoryClockActions({ incidentId, clock, onDone }: { incidentId: string; clock: RegulatoryClock; onDone(): void }) {
  const [open, setOpen] = useState<'met' | 'not_applicable' | null>(null);
  const [notifiedAt, setNotifiedAt] = useState(nowIso);
  const [reference, setReference] = useState('');
  const [notes, setNotes] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const url = `/api/incidents/${incidentId}/regulatory-clocks/${clock.id}`;
  const submit = (path: string, body: object) =>
    run(async () => {
      await api('POST', `${url}/${path}`, body);
      setOpen(null);
      onDone();
    });
  if (open === null) {
    return (
      <span className="row">
        <button type="button" onClick={() => setOpen('met')}>
          Mark met…
        </button>
        <button type="button" onClick={() => setOpen('not_applicable')}>
          Not applicable…
        </button>
      </span>
    );
  }
  return (
    <form
      className="stack"
      aria-label={`${open === 'met' ? 'Mark met' : 'Not applicable'}: ${clock.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void (open === 'met' ? submit('met', { notifiedAt, reference, notes }) : submit('not-applicable', { reason }));
      }}
    >
      {open === 'met' ? (
        <>
          <DateTimeField label="Notified at" required value={notifiedAt} onChange={setNotifiedAt} />
          <label>
            Reference <input maxLength={200} value={reference} onChange={(e) => setReference(e.target.value)} placeholder="case number, receipt…" />
          </label>
          <label>
            Notes <textarea maxLength={2000} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </label>
        </>
      ) : (
        <label>
          Reason <textarea required maxLength={2000} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
      <span className="row">
        <button type="submit" disabled={busy || (open === 'not_applicable' && !reason.trim())}>
          {open === 'met' ? 'Save: met' : 'Save: not applicable'}
        </button>
        <button type="button" onClick={() => setOpen(null)}>
          Cancel
        </button>
      </span>
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}
