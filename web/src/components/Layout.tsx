// The shell: navigation on the left, the page on the right.
import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { NOTIFICATIONS_CHANGED } from '../features/notifications/NotificationsPage.tsx';

const SECTIONS = [
  { to: '/inbox', label: 'Inbox', permission: 'tickets.read' },
  { to: '/incidents', label: 'Incidents', permission: 'incidents.read' },
  { to: '/oncall', label: 'On call', permission: 'incidents.read' },
  { to: '/communications', label: 'Communications', permission: 'comms.read' },
  { to: '/status-page', label: 'Status page', permission: 'incidents.read' },
  { to: '/metrics', label: 'Metrics', permission: 'metrics.read' },
  { to: '/admin/users', label: 'Admin', permission: 'users.read' },
];
const POLL_MS = 60_000;

/** The bell: unread notifications, counted again on navigation, on a change, and every minute. */
function NotificationBell() {
  const location = useLocation();
  const [unread, setUnread] = useState(0);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const again = () => setVersion((v) => v + 1);
    const timer = setInterval(again, POLL_MS);
    window.addEventListener(NOTIFICATIONS_CHANGED, again);
    return () => {
      clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, again);
    };
  }, []);
  useEffect(() => {
    let current = true;
    api<{ unread: number }>('GET', '/api/me/notifications')
      .then((n) => current && setUnread(n.unread))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [location.pathname, version]);
  return (
    <NavLink to="/notifications" className="bell" aria-label={unread ? `Notifications (${unread} unread)` : 'Notifications'}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="15" height="15" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>{' '}
      Notifications {unread ? <span className="count">{unread}</span> : null}
    </NavLink>
  );
}

export function Layout() {
  const { me, can, signOut } = useSession();
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Sections">
        <div className="brand">secdesk</div>
        <ul>
          {SECTIONS.filter((s) => can(s.permission)).map((s) => (
            <li key={s.to}>
              <NavLink to={s.to}>{s.label}</NavLink>
            </li>
          ))}
        </ul>
        <div className="whoami">
          <NotificationBell />
          <NavLink to="/account" className="name">
            {me?.name}
          </NavLink>
          <span className="muted small">{me?.email}</span>
          <button type="button" className="link" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </nav>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
