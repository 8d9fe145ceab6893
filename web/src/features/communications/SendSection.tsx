// Sending the approved version through its channel. Email channels: choose the audience (its list),
// send a test to the reviewers first, then the real send, followed live. Public channels wait for
// the customer email (customers first) unless an override was recorded: their send is disabled
// with the reason, and the override form is offered to those allowed.
import { ComponentPicker } from '../statuspage/ComponentPicker.tsx';
import { ComponentStateSelect } from '../statuspage/ComponentStateSelect.tsx';
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { useAction } from '../../useAction.ts';
import { AUDIENCES } from '../../../../src/domains/fanout/fanout.types.ts';
import { SOCIAL_NETWORKS, STATUS_PAGE_STATUSES } from '../../../../src/domains/communications/communications.types.ts';
import type { Communication, CommsPlan, SendProgress, StatusComponent } from '../../types.ts';
import { useApi } from '../../useApi.ts';
import { listFor, useLists } from './ContactLists.tsx';
import { CustomersFirstOverride, customersFirstBlock } from './CustomersFirst.tsx';
import { EMAIL_CHANNELS } from './labels.ts';
import { commPath } from './paths.ts';
import { SendProgressPanel } from './SendProgressPanel.tsx';
import { ConfirmAction } from '../../components/ConfirmAction.tsx';
import { useChannelDuty } from './useChannelDuty.ts';

export function SendSection({ plan, communication, onChange }: { plan: CommsPlan; communication: Communication; onChange(): void }) {
  const { can } = useSession();
  const holds = useChannelDuty(communication.channel);
  const approved = communication.approval?.version === communication.currentVersion;
  const firstBlock = customersFirstBlock(plan, communication.round, communication.channel);
  const email = EMAIL_CHANNELS.includes(communication.channel);
  const seesProgress = can('comms.send');
  const reasons = [
    !can('comms.publish') || holds('send') === false ? `You do not hold a role that sends this channel (sent by: ${holds.holders('send')}).` : null,
    approved ? null : 'Sending needs a current approval of the latest version.',
    firstBlock,
  ].filter((r): r is string => r !== null);
  const blocked = reasons.length ? reasons.join(' ') : null;
  return (
    <section aria-label="Send">
      <h4>Send</h4>
      {communication.status !== 'sent' && blocked ? (
        <p className="state warning" role="note" id={`blocked-${communication.id}`}>
          Cannot send yet: {blocked}
        </p>
      ) : null}
      {communication.status !== 'sent' && firstBlock ? (
        <CustomersFirstOverride plan={plan} round={communication.round} channel={communication.channel} onDone={onChange} />
      ) : null}
      {communication.status !== 'sent' ? (
        email ? (
          <EmailSend plan={plan} communication={communication} blocked={blocked !== null} seesProgress={seesProgress} onChange={onChange} />
        ) : (
          <ChannelSend plan={plan} communication={communication} blocked={blocked !== null} onChange={onChange} />
        )
      ) : null}
      {communication.testSendId && seesProgress && communication.status === 'sent' ? (
        <SendProgressPanel key={communication.testSendId} sendId={communication.testSendId} title="Test send to reviewers" />
      ) : null}
      {communication.sendId && seesProgress && communication.status === 'sent' ? (
        <SendProgressPanel key={communication.sendId} sendId={communication.sendId} title="Send progress" />
      ) : null}
      {(communication.sendId || communication.testSendId) && !seesProgress ? (
        <p className="muted small">Progress of email sends is shown to those who may send mail.</p>
      ) : null}
    </section>
  );
}

function EmailSend({
  plan,
  communication,
  blocked,
  seesProgress,
  onChange,
}: {
  plan: CommsPlan;
  communication: Communication;
  blocked: boolean;
  seesProgress: boolean;
  onChange(): void;
}) {
  const why = blocked ? `blocked-${communication.id}` : undefined;
  const alert = communication.channel === 'security_alert';
  const [audience, setAudience] = useState<string>(communication.channel === 'customer_email' ? 'customers' : 'users');
  const [reviewers, setReviewers] = useState('');
  // Without the right to read fan-out progress, the server alone says whether the test went out.
  const [testDone, setTestDone] = useState(!seesProgress);
  const test = useAction();
  const real = useAction();
  const base = commPath(plan.incidentId, communication.id);
  const attached = listFor(plan, audience);
  const sendTest = (event: FormEvent) => {
    event.preventDefault();
    const addresses = reviewers.split(/[\s,;]+/).filter(Boolean);
    setTestDone(!seesProgress);
    void test.run(async () => {
      await api('POST', `${base}/test-send`, { ...(addresses.length ? { reviewers: addresses } : {}), ...(alert ? {} : { audience }) });
      onChange();
    });
  };
  const send = () => {
    void real.run(async () => {
      await api('POST', `${base}/send`, {});
      onChange();
    });
  };
  return (
    <div className="form">
      <form className="form" onSubmit={sendTest} aria-label="Test send">
        <p className="small">
          <strong>Step 1:</strong> choose who receives it, and send the approved version to the reviewers first (default: the approver and the author).
        </p>
        {alert ? (
          <p className="small">The security alert goes to the opt-in security notices list (Admin → Communications).</p>
        ) : (
          <>
            <label>
              Audience
              <select value={audience} onChange={(e) => setAudience(e.target.value)}>
                {AUDIENCES.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </label>
            <p className="small" role="note">
              {attached ? (
                <>
                  Distribution list: <strong>{attached.listName}</strong> (
                  {attached.byDefault ? "the team's security notices list: none is attached to this incident" : `attached for ${audience}`})
                </>
              ) : (
                <span className="sla-at-risk">No distribution list is attached for {audience}: attach one under Contact data.</span>
              )}
            </p>
          </>
        )}
        <label>
          Other test recipients (optional, comma-separated)
          <input value={reviewers} onChange={(e) => setReviewers(e.target.value)} placeholder="reviewer@example.com" />
        </label>
        {test.error ? (
          <p className="state error" role="alert">
            {test.error}
          </p>
        ) : null}
        <div className="row">
          <button type="submit" aria-describedby={why} disabled={blocked || test.busy || (!alert && !attached)}>
            {communication.testSendId ? 'Send the test again' : 'Send test to reviewers'}
          </button>
        </div>
      </form>
      {communication.testSendId && seesProgress ? (
        <SendProgressPanel
          key={communication.testSendId}
          sendId={communication.testSendId}
          title="Test send to reviewers"
          onFinished={() => setTestDone(true)}
        />
      ) : null}
      <div className="form" role="group" aria-label="Real send">
        <p className="small">
          <strong>Step 2:</strong> the real send of the tested version, one message per recipient.
        </p>
        {communication.sendId && seesProgress ? <SendTarget sendId={communication.sendId} /> : null}
        {!communication.testSendId ? (
          <p className="muted small" role="note">
            Send the test to the reviewers first.
          </p>
        ) : !testDone ? (
          <p className="muted small" role="note">
            Waiting for the test to reach the reviewers.
          </p>
        ) : null}
        {real.error ? (
          <p className="state error" role="alert">
            {real.error}
          </p>
        ) : null}
        <div className="row">
          <ConfirmAction
            label="Send to the list"
            confirmLabel="Send now"
            describedBy={why}
            busy={real.busy}
            disabled={blocked || !communication.testSendId || !testDone}
            onConfirm={send}
            summary={() => (
              <RealSendSummary communication={communication} listId={alert ? null : (attached?.listId ?? null)} audience={alert ? null : audience} />
            )}
          />
        </div>
      </div>
    </div>
  );
}

/** What the real send will do, asked once before it starts: the version, the list and how many people are on it. */
function RealSendSummary({ communication, listId, audience }: { communication: Communication; listId: string | null; audience: string | null }) {
  const list = useApi<{ name: string; counts: { users: number; customers: number; suppressed: number } }>(listId ? `/api/distribution-lists/${listId}` : null);
  const count = list.data && audience ? list.data.counts[audience as 'users' | 'customers'] : null;
  const to = listId ? (
    list.data ? (
      <>
        <strong>
          {count} {audience}
        </strong>{' '}
        on the list <strong>{list.data.name}</strong> (suppressed addresses are skipped)
      </>
    ) : (
      'the attached list'
    )
  ) : (
    'the opt-in security notices list'
  );
  return (
    <p>
      Send version {communication.currentVersion}, “{communication.subject}”, to {to}: one message each. A send cannot be recalled once it starts (it can be
      paused or cancelled).
    </p>
  );
}

/** The list and audience the tested send goes to, with its number of recipients. */
function SendTarget({ sendId }: { sendId: string }) {
  const progress = useApi<SendProgress>(`/api/sends/${sendId}/progress`);
  const lists = useLists(true).data?.items ?? [];
  const target = useApi<{ listId: string | null; audience: string | null }>(`/api/sends/${sendId}`);
  const error = progress.error ?? target.error;
  if (error)
    return (
      <p className="state error" role="alert">
        The recipients could not be counted: {error.message}
      </p>
    );
  const data = progress.data;
  const send = target.data;
  const list = lists.find((l) => l.id === send?.listId);
  if (!data || !send) return null;
  return (
    <p className="small" role="group" aria-label="Recipients">
      To {list ? <strong>{list.name}</strong> : 'the list'}
      {send.audience ? ` (${send.audience})` : ''}: {data.total} recipients after suppressions.
    </p>
  );
}

function ChannelSend({ plan, communication, blocked, onChange }: { plan: CommsPlan; communication: Communication; blocked: boolean; onChange(): void }) {
  const [network, setNetwork] = useState<string>(SOCIAL_NETWORKS[0]);
  const [status, setStatus] = useState<string>(STATUS_PAGE_STATUSES[0]);
  const { can } = useSession();
  // The component list is read by those who publish the status page; a reviewer sees the form without it.
  const components = useApi<{ items: StatusComponent[] }>(
    communication.channel === 'status_page' && can('status.publish') ? '/api/statuspage/components' : null,
  );
  const [slugs, setSlugs] = useState<string[]>([]);
  const [componentState, setComponentState] = useState('');
  const [publishedUrl, setPublishedUrl] = useState('');
  const { busy, error, run } = useAction();
  const channel = communication.channel;
  const send = (event: FormEvent) => {
    event.preventDefault();
    const statusPage = { status, ...(slugs.length ? { componentSlugs: slugs } : {}), ...(componentState ? { componentState } : {}) };
    const options =
      channel === 'social_post' ? { network } : channel === 'status_page' ? statusPage : channel === 'blog_post' && publishedUrl ? { publishedUrl } : {};
    void run(async () => {
      await api('POST', `${commPath(plan.incidentId, communication.id)}/send`, options);
      onChange();
    });
  };
  return (
    <form className="form" onSubmit={send} aria-label="Send through the channel">
      {channel === 'social_post' ? (
        <label>
          Network
          <select value={network} onChange={(e) => setNetwork(e.target.value)}>
            {SOCIAL_NETWORKS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {channel === 'status_page' ? (
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            {STATUS_PAGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {channel === 'status_page' && components.data ? (
        <ComponentPicker components={components.data.items} value={slugs} onChange={setSlugs} legend="Affected components (default: those already affected)" />
      ) : null}
      {channel === 'status_page' ? <ComponentStateSelect value={componentState} onChange={setComponentState} /> : null}
      {channel === 'blog_post' ? (
        <label>
          Published URL (when there is no publish webhook)
          <input type="url" value={publishedUrl} onChange={(e) => setPublishedUrl(e.target.value)} />
        </label>
      ) : null}
      {channel === 'blog_post' ? (
        <p>
          <a href={`${commPath(plan.incidentId, communication.id)}/export.md`} download>
            Export as Markdown
          </a>
        </p>
      ) : null}
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" aria-describedby={blocked ? `blocked-${communication.id}` : undefined} disabled={blocked || busy}>
          {channel === 'customer_faq' ? 'Publish to Support' : 'Send'}
        </button>
      </div>
    </form>
  );
}
