// Sending the approved version through its channel. Email channels: choose the list and audience,
// send a test to the reviewers first, then the real send, followed live. Public channels wait for
// the customer email (customers first) unless an override was recorded.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { useAction } from '../../useAction.ts';
import { AUDIENCES } from '../../../../src/domains/fanout/fanout.types.ts';
import { SOCIAL_NETWORKS, STATUS_PAGE_STATUSES } from '../../../../src/domains/communications/communications.types.ts';
import type { Communication, CommsPlan } from '../../types.ts';
import { useLists } from './ContactLists.tsx';
import { CustomersFirstOverride, customersFirstBlock } from './CustomersFirst.tsx';
import { EMAIL_CHANNELS } from './labels.ts';
import { commPath } from './paths.ts';
import { SendProgressPanel } from './SendProgressPanel.tsx';
import { useChannelDuty } from './useChannelDuty.ts';

export function SendSection({ plan, communication, onChange }: { plan: CommsPlan; communication: Communication; onChange(): void }) {
  const { can } = useSession();
  const holds = useChannelDuty(communication.channel);
  const approved = communication.approval?.version === communication.currentVersion;
  const firstBlock = customersFirstBlock(plan, communication.round, communication.channel);
  const email = EMAIL_CHANNELS.includes(communication.channel);
  const seesProgress = can('comms.send');
  let blocked: string | null = null;
  if (!can('comms.publish') || holds('send') === false) blocked = 'You do not hold a role that sends this channel.';
  else if (!approved) blocked = 'Sending needs a current approval of the latest version.';
  else if (firstBlock) blocked = firstBlock;
  return (
    <section aria-label="Send">
      <h4>Send</h4>
      {communication.status !== 'sent' && blocked ? <p className="state warning" role="note">Cannot send yet: {blocked}</p> : null}
      {communication.status !== 'sent' && firstBlock && approved ? <CustomersFirstOverride plan={plan} round={communication.round} channel={communication.channel} onDone={onChange} /> : null}
      {communication.status !== 'sent' && !blocked ? (email ? <EmailSend plan={plan} communication={communication} onChange={onChange} /> : <ChannelSend plan={plan} communication={communication} onChange={onChange} />) : null}
      {communication.testSendId && seesProgress ? <SendProgressPanel key={communication.testSendId} sendId={communication.testSendId} title="Test send to reviewers" onFinished={onChange} /> : null}
      {communication.sendId && seesProgress ? <SendProgressPanel key={communication.sendId} sendId={communication.sendId} title="Send progress" onFinished={onChange} /> : null}
      {(communication.sendId || communication.testSendId) && !seesProgress ? <p className="muted small">Progress of email sends is shown to those who may send mail.</p> : null}
    </section>
  );
}

function EmailSend({ plan, communication, onChange }: { plan: CommsPlan; communication: Communication; onChange(): void }) {
  const lists = useLists(true).data?.items ?? [];
  const defaultAudience = communication.channel === 'customer_email' ? 'customers' : 'users';
  const [audience, setAudience] = useState<string>(defaultAudience);
  const attached = plan.lists.find((l) => l.audience === audience);
  const [listId, setListId] = useState(attached?.listId ?? '');
  const [reviewers, setReviewers] = useState('');
  const test = useAction();
  const real = useAction();
  const base = commPath(plan.incidentId, communication.id);
  const tested = communication.testSendId !== null;
  const sendTest = (event: FormEvent) => {
    event.preventDefault();
    const addresses = reviewers.split(/[\s,;]+/).filter(Boolean);
    void test.run(async () => {
      await api('POST', `${base}/test-send`, addresses.length ? { reviewers: addresses } : {});
      onChange();
    });
  };
  const send = (event: FormEvent) => {
    event.preventDefault();
    void real.run(async () => {
      await api('POST', `${base}/send`, { ...(listId ? { listId } : {}), audience });
      onChange();
    });
  };
  const chosen = lists.find((l) => l.id === listId);
  return (
    <div className="form">
      <form className="form" onSubmit={sendTest} aria-label="Test send">
        <p className="small">Step 1: a test to the reviewers (default: the approver and the author) before any real send.</p>
        <label>Other test recipients (optional, comma-separated)<input value={reviewers} onChange={(e) => setReviewers(e.target.value)} placeholder="reviewer@example.com" /></label>
        {test.error ? <p className="state error" role="alert">{test.error}</p> : null}
        <div className="row"><button type="submit" disabled={test.busy}>{tested ? 'Send another test' : 'Send test to reviewers'}</button></div>
      </form>
      <form className="form" onSubmit={send} aria-label="Real send">
        <p className="small">Step 2: the real send, one message per recipient.</p>
        <div className="row">
          <label>Audience<select value={audience} onChange={(e) => { setAudience(e.target.value); setListId(plan.lists.find((l) => l.audience === e.target.value)?.listId ?? ''); }}>{AUDIENCES.map((a) => <option key={a} value={a}>{a}</option>)}</select></label>
          <label>Distribution list<select value={listId} onChange={(e) => setListId(e.target.value)}>
            <option value="">{communication.channel === 'security_alert' ? 'the security notices list' : 'the list attached to the plan'}</option>
            {lists.map((l) => <option key={l.id} value={l.id}>{l.name} ({l.memberCount} members)</option>)}
          </select></label>
        </div>
        {chosen ? <p className="muted small">{chosen.name}: {chosen.memberCount} members in all audiences; suppressed addresses are left out.</p> : null}
        {!tested ? <p className="muted small" role="note">Send the test to the reviewers first.</p> : null}
        {real.error ? <p className="state error" role="alert">{real.error}</p> : null}
        <div className="row"><button type="submit" className="primary" disabled={real.busy || !tested}>Send to the list</button></div>
      </form>
    </div>
  );
}

function ChannelSend({ plan, communication, onChange }: { plan: CommsPlan; communication: Communication; onChange(): void }) {
  const [network, setNetwork] = useState<string>(SOCIAL_NETWORKS[0]);
  const [status, setStatus] = useState<string>(STATUS_PAGE_STATUSES[0]);
  const [publishedUrl, setPublishedUrl] = useState('');
  const { busy, error, run } = useAction();
  const channel = communication.channel;
  const send = (event: FormEvent) => {
    event.preventDefault();
    const options = channel === 'social_post' ? { network } : channel === 'status_page' ? { status } : channel === 'blog_post' && publishedUrl ? { publishedUrl } : {};
    void run(async () => {
      await api('POST', `${commPath(plan.incidentId, communication.id)}/send`, options);
      onChange();
    });
  };
  return (
    <form className="form" onSubmit={send} aria-label="Send through the channel">
      {channel === 'social_post' ? <label>Network<select value={network} onChange={(e) => setNetwork(e.target.value)}>{SOCIAL_NETWORKS.map((n) => <option key={n} value={n}>{n}</option>)}</select></label> : null}
      {channel === 'status_page' ? <label>Status<select value={status} onChange={(e) => setStatus(e.target.value)}>{STATUS_PAGE_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}</select></label> : null}
      {channel === 'blog_post' ? <label>Published URL (when there is no publish webhook)<input type="url" value={publishedUrl} onChange={(e) => setPublishedUrl(e.target.value)} /></label> : null}
      {channel === 'blog_post' ? <p><a href={`${commPath(plan.incidentId, communication.id)}/export.md`} download>Export as Markdown</a></p> : null}
      {error ? <p className="state error" role="alert">{error}</p> : null}
      <div className="row"><button type="submit" className="primary" disabled={busy}>{channel === 'customer_faq' ? 'Publish to Support' : 'Send'}</button></div>
    </form>
  );
}
