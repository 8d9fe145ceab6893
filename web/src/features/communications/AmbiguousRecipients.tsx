// After a crash, recipients whose message may or may not have reached the relay (README, "Exactly
// once"): listed with their Message-ID, and re-sent only when an operator decides to (audited; a
// re-send keeps the Message-ID, so mail clients that collapse duplicates show one message).
import { useState } from 'react';
import { api } from '../../api.ts';
import { useAction } from '../../useAction.ts';
import type { AmbiguousRecipient } from '../../types.ts';

export function AmbiguousRecipients({ sendId, count, onResent }: { sendId: string; count: number; onResent(): void }) {
  const [items, setItems] = useState<AmbiguousRecipient[] | null>(null);
  const action = useAction();
  const show = () => action.run(async () => setItems((await api<{ items: AmbiguousRecipient[] }>('GET', `/api/sends/${sendId}/ambiguous`)).items));
  const resend = () =>
    action.run(async () => {
      await api('POST', `/api/sends/${sendId}/ambiguous/resend`);
      setItems(null);
      onResent();
    });
  return (
    <div className="state warning" role="group" aria-label="Delivery unknown">
      <p>
        <strong>
          {count} {count === 1 ? 'recipient' : 'recipients'} with delivery unknown
        </strong>
        : the sending process stopped between recording a message and handing it to the relay. Each may or may not have it; nothing is re-sent unless you choose
        to.
      </p>
      {items ? (
        <ul>
          {items.map((r) => (
            <li key={r.seq}>
              {r.email} <code>{r.messageId}</code>
            </li>
          ))}
        </ul>
      ) : (
        <button type="button" disabled={action.busy} onClick={() => void show()}>
          Show them
        </button>
      )}
      {items && items.length > 0 ? (
        <button type="button" disabled={action.busy} onClick={() => void resend()}>
          Re-send to these {items.length} (same Message-ID; some may get a second copy)
        </button>
      ) : null}
      {action.error ? (
        <p className="state error" role="alert">
          {action.error}
        </p>
      ) : null}
    </div>
  );
}
