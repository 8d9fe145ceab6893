// Upload .eml files into the inbox (reports that reached someone's own mailbox): each file goes
// through the same intake as mail received by SMTP; each file's outcome links to its ticket.
import { useState, type ChangeEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { useSession } from '../../session.tsx';
import type { IntakeResult } from '../../types.ts';

interface Outcome {
  file: string;
  result: IntakeResult | null;
  error: string | null;
}

const SAID: Record<IntakeResult['outcome'], string> = { created: 'new ticket', appended: 'added to ticket', duplicate: 'already in ticket' };

function upload(file: File): Promise<Outcome> {
  return api<IntakeResult>('POST', '/api/inbox/import', new Blob([file], { type: 'message/rfc822' })).then(
    (result) => ({ file: file.name, result, error: null }),
    (err: Error) => ({ file: file.name, result: null, error: err.message }),
  );
}

export function UploadMail({ onUploaded }: { onUploaded?: () => void }) {
  const { can } = useSession();
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  if (!can('tickets.write')) return null;

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (!files.length) return;
    setBusy(true);
    setOutcomes([]);
    for (const file of files) {
      const outcome = await upload(file);
      setOutcomes((old) => [...old, outcome]);
    }
    setBusy(false);
    onUploaded?.();
  }

  return (
    <div className="filters">
      <label>
        Add mail from .eml files
        <input type="file" accept=".eml,message/rfc822" multiple disabled={busy} onChange={(e) => void choose(e)} />
      </label>
      {busy ? (
        <span className="muted" role="status">
          Uploading…
        </span>
      ) : null}
      {outcomes.length ? (
        <ul aria-label="Uploaded messages">
          {outcomes.map((o, i) => (
            <li key={i}>
              {o.file}:{' '}
              {o.result ? (
                <>
                  {SAID[o.result.outcome]} <Link to={`/inbox/${o.result.ticketId}`}>#{o.result.ticketNumber}</Link>
                </>
              ) : (
                <span className="sla-breached">refused: {o.error}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
