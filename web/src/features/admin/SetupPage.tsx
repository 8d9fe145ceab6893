// Admin → Setup: the first-run checklist. Each capability with its state, what it blocks until it is
// done, and where to fix it (a page of the app, or the setting to set); and a test mail through the relay.
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { Badge, ErrorNote, Loading, PageHeader } from '../../components/ui.tsx';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import { useState } from 'react';
import type { SetupChecklist, SetupItem } from '../../types.ts';

const STATE_LABELS: Record<SetupItem['state'], string> = { done: 'done', warning: 'check', missing: 'missing' };

export function SetupPage() {
  const checklist = useApi<SetupChecklist>('/api/setup/checklist');
  return (
    <>
      <PageHeader title="Setup" />
      <p className="lead">What each part of the desk needs. Work down the list: a missing item blocks what it names; a warning works on this machine but not yet for a real team.</p>
      {checklist.error ? <ErrorNote error={checklist.error} retry={checklist.reload} /> : null}
      {!checklist.data ? <Loading what="the setup checklist" /> : (
        <>
          <p role="status"><strong>{checklist.data.done} of {checklist.data.total}</strong> done.</p>
          <ol className="checklist" aria-label="Setup checklist">
            {checklist.data.items.map((item) => <Item key={item.id} item={item} onChange={checklist.reload} />)}
          </ol>
        </>
      )}
    </>
  );
}

function Item({ item, onChange }: { item: SetupItem; onChange(): void }) {
  return (
    <li className={`checklist-item state-${item.state}`} aria-label={item.title}>
      <h2><Badge kind={`setup-${item.state}`}>{STATE_LABELS[item.state]}</Badge> {item.title}</h2>
      <p>{item.detail}</p>
      {item.blocks.length ? <p className="small">Blocks: {item.blocks.join('; ')}.</p> : null}
      {item.fix && 'page' in item.fix ? <p className="small">Fix it in <Link to={item.fix.page}>{item.fix.label}</Link>.</p> : null}
      {item.fix && 'setting' in item.fix ? <p className="small">Set <code>{item.fix.setting}</code> ({item.fix.where}) and restart.</p> : null}
      {item.id === 'relay' && item.state === 'done' ? <TestMail onSent={onChange} /> : null}
    </li>
  );
}

function TestMail({ onSent }: { onSent(): void }) {
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<{ to: string; delivered: boolean; detail: string } | null>(null);
  const send = () => run(async () => {
    setResult(await api('POST', '/api/setup/test-mail'));
    onSent();
  });
  return (
    <div className="row">
      <button type="button" disabled={busy} onClick={() => void send()}>Send a test mail to me</button>
      {result ? <p role="status" className={result.delivered ? 'state notice' : 'state error'}>{result.delivered ? `Sent to ${result.to}: ${result.detail}.` : `Not sent to ${result.to}: ${result.detail}`}</p> : null}
      {error ? <p className="state error" role="alert">{error}</p> : null}
    </div>
  );
}
