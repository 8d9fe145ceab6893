// Live progress of a fan-out send: sent / failed / pending and the rate, polled every second while it
// runs, with pause, resume and cancel. Stops polling once the send is done or cancelled.
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { useAction } from '../../useAction.ts';
import type { SendProgress } from '../../types.ts';
import { AmbiguousRecipients } from './AmbiguousRecipients.tsx';

const POLL_MS = 1000;
const FINISHED = new Set(['done', 'cancelled']);

function useProgress(sendId: string): { progress: SendProgress | null; error: string; refresh(): void } {
  const [progress, setProgress] = useState<SendProgress | null>(null);
  const [error, setError] = useState('');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    api<SendProgress>('GET', `/api/sends/${sendId}/progress`)
      .then((p) => {
        if (!current) return;
        setProgress(p);
        setError('');
        if (!FINISHED.has(p.status)) timer = setTimeout(() => setTick((t) => t + 1), POLL_MS);
      })
      .catch((err: Error) => {
        if (!current) return;
        setError(`Progress could not be loaded: ${err.message}. Retrying.`);
        timer = setTimeout(() => setTick((t) => t + 1), POLL_MS * 3);
      });
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [sendId, tick]);
  return { progress, error, refresh: () => setTick((t) => t + 1) };
}

export function SendProgressPanel({ sendId, title = 'Send progress', onFinished }: { sendId: string; title?: string; onFinished?(): void }) {
  const { progress, error, refresh } = useProgress(sendId);
  const action = useAction();
  const finished = progress ? FINISHED.has(progress.status) : false;
  useEffect(() => {
    if (finished) onFinished?.();
  }, [finished]);
  const act = (verb: 'pause' | 'resume' | 'cancel') =>
    action.run(async () => {
      await api('POST', `/api/sends/${sendId}/${verb}`);
      refresh();
    });
  const p = progress;
  const waiting = p ? p.pending + p.sending : 0;
  const done = p ? p.sent + p.failed + p.suppressed + p.cancelled : 0;
  return (
    <section className="card progress-panel" aria-label={title}>
      <h3>{title}</h3>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      {!p ? (
        <p className="state" role="status">
          Loading progress…
        </p>
      ) : (
        <>
          <p role="status" aria-live="polite" className={`send-state send-${p.status}`}>
            <strong>{statusText(p)}</strong>
            {p.status === 'done' && p.failed === 0 ? ' — all sent' : ''}
          </p>
          <progress max={Math.max(p.total, 1)} value={done} aria-label={`${done} of ${p.total} recipients handled`} />
          <dl className="metric-figures" aria-label="Counts">
            <div>
              <dt>Sent</dt>
              <dd>{p.sent}</dd>
            </div>
            <div>
              <dt>Failed</dt>
              <dd>{p.failed}</dd>
            </div>
            <div>
              <dt>Pending</dt>
              <dd>{waiting}</dd>
            </div>
            <div>
              <dt>Suppressed</dt>
              <dd>{p.suppressed}</dd>
            </div>
            <div>
              <dt>Total</dt>
              <dd>{p.total}</dd>
            </div>
            <div>
              <dt>Rate</dt>
              <dd>{p.rate.toFixed(1)}/s</dd>
            </div>
          </dl>
          {p.unconfirmed > 0 ? <p className="state warning">{p.unconfirmed} sent but not confirmed by the relay (the process stopped mid-message).</p> : null}
          {p.ambiguous > 0 ? <AmbiguousRecipients sendId={sendId} count={p.ambiguous} onResent={refresh} /> : null}
          {p.failed > 0 ? (
            <p>
              <a href={`/api/sends/${sendId}/failures`} target="_blank" rel="noreferrer">
                Failed recipients and reasons
              </a>
            </p>
          ) : null}
          {!finished ? (
            <div className="row">
              {p.status === 'running' ? (
                <button type="button" disabled={action.busy} onClick={() => void act('pause')}>
                  Pause
                </button>
              ) : null}
              {p.status === 'paused' ? (
                <button type="button" disabled={action.busy} onClick={() => void act('resume')}>
                  Resume
                </button>
              ) : null}
              <button type="button" disabled={action.busy} onClick={() => void act('cancel')}>
                Cancel send
              </button>
            </div>
          ) : null}
          {action.error ? (
            <p className="state error" role="alert">
              {action.error}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function statusText(p: SendProgress): string {
  if (p.status === 'paused') return `Paused${p.pauseReason ? `: ${p.pauseReason}` : ''}`;
  return { draft: 'Not started', running: 'Sending', cancelled: 'Cancelled', done: 'Finished' }[p.status] ?? p.status;
}
