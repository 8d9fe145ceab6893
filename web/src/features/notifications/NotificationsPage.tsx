// My notifications: SLA warnings and breach alerts, newest first.
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { Empty, ErrorNote, Loading, PageHeader, Time } from '../../components/ui.tsx';
import { useApi } from '../../useApi.ts';
import type { Notification } from '../../types.ts';

/** Tells the bell in the sidebar to count again. */
export const NOTIFICATIONS_CHANGED = 'secdesk:notifications-changed';

/** A page about an incident names its path in the body. */
const incidentPath = (body: string) => /\/incidents\/[0-9a-f-]{36}/.exec(body)?.[0] ?? null;

export function NotificationsPage() {
  const { data, error, reload } = useApi<{ items: Notification[]; unread: number }>('/api/me/notifications');
  async function act(path: string) {
    await api('POST', path);
    reload();
    window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
  }
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!data) return <Loading what="notifications" />;
  return (
    <section>
      <PageHeader title="Notifications">
        {data.unread > 0 ? (
          <button type="button" onClick={() => void act('/api/me/notifications/read-all')}>
            Mark all read
          </button>
        ) : null}
      </PageHeader>
      {data.items.length === 0 ? <Empty>Nothing yet. SLA warnings, breach alerts and incident pages appear here.</Empty> : null}
      <ul className="notifications">
        {data.items.map((n) => (
          <li key={n.id} className={n.readAt ? 'card read' : 'card unread'}>
            <div className="row">
              <strong className="grow">
                {n.ticketId ? (
                  <Link to={`/inbox/${n.ticketId}`}>{n.title}</Link>
                ) : incidentPath(n.body) ? (
                  <Link to={incidentPath(n.body)!}>{n.title}</Link>
                ) : (
                  n.title
                )}
              </strong>
              <Time iso={n.createdAt} />
              {n.readAt ? null : (
                <button type="button" className="link" onClick={() => void act(`/api/me/notifications/${n.id}/read`)}>
                  Mark read
                </button>
              )}
            </div>
            <pre className="body small">{n.body}</pre>
          </li>
        ))}
      </ul>
    </section>
  );
}
