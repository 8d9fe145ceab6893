// What went out: the immutable snapshot, who approved and who sent it, and the proof that the
// approved version and the sent one are the same (the API's diff, which must be empty).
import { api } from '../../api.ts';
import { Time } from '../../components/ui.tsx';
import { useAction } from '../../useAction.ts';
import type { Communication } from '../../types.ts';
import { DiffText, unchanged } from './DiffView.tsx';

function DeliverAgain({ path, onChange }: { path: string; onChange(): void }) {
  const { busy, error, run } = useAction();
  const retry = () =>
    run(async () => {
      await api('POST', `${path}/retry-delivery`);
      onChange();
    });
  return (
    <div className="state error" role="alert">
      Delivery failed: see the incident's timeline for the reason.{' '}
      <button type="button" disabled={busy} onClick={() => void retry()}>
        Deliver again
      </button>
      {error ? <p>{error}</p> : null}
    </div>
  );
}

export function SentProof({ communication, path, onChange }: { communication: Communication; path: string; onChange(): void }) {
  const sent = communication.sent;
  if (!sent) return null;
  const diff = communication.approvedVsSent ?? [];
  const same = unchanged(diff);
  return (
    <section aria-label="Sent" className="card sent-snapshot">
      <h4>Sent</h4>
      <p>
        Version {sent.version} sent by {sent.sender} · <Time iso={sent.sentAt} relativeTo={false} />; approved by {sent.approver} (version{' '}
        {sent.approvedVersion}).
      </p>
      {same ? (
        <p className="state notice" role="status">
          ✓ Approved = sent: what went out is exactly version {sent.approvedVersion} as approved.
        </p>
      ) : (
        <div className="state error" role="alert">
          <strong>Approved and sent differ!</strong>
          <DiffText parts={diff} label="Approved against sent" />
        </div>
      )}
      <dl className="facts">
        {Object.entries(sent.details).map(([k, v]) => (
          <div key={k}>
            <dt>{words(k)}</dt>
            <dd>{String(v)}</dd>
          </div>
        ))}
        <div>
          <dt>Content hash</dt>
          <dd>
            <code className="hash">{sent.contentHash}</code>
          </dd>
        </div>
      </dl>
      {communication.publishedUrl ? (
        <p>
          Published at{' '}
          <a href={communication.publishedUrl} rel="noreferrer noopener" target="_blank">
            {communication.publishedUrl}
          </a>
        </p>
      ) : null}
      {communication.publishState === 'pending' ? (
        <p className="state" role="status">
          Delivering…
        </p>
      ) : null}
      {communication.publishState === 'failed' ? <DeliverAgain path={path} onChange={onChange} /> : null}
      {communication.channel === 'blog_post' ? (
        <p>
          <a href={`${path}/export.md`} download>
            Export as Markdown
          </a>
        </p>
      ) : null}
      <p>
        <strong>{sent.subject}</strong>
      </p>
      <pre className="forward-body">{sent.body}</pre>
    </section>
  );
}

/** "fanoutContentHash" → "fanout content hash". */
const words = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
