// The shell: navigation on the left, the page on the right.
import { NavLink, Outlet } from 'react-router';
import { useSession } from '../session.tsx';

const SECTIONS = [
  { to: '/inbox', label: 'Inbox', permission: 'tickets.read' },
  { to: '/incidents', label: 'Incidents', permission: 'incidents.read' },
  { to: '/communications', label: 'Communications', permission: 'incidents.read' },
  { to: '/status-page', label: 'Status page', permission: 'incidents.read' },
  { to: '/admin/users', label: 'Admin', permission: 'users.read' },
];

export function Layout() {
  const { me, can, signOut } = useSession();
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Sections">
        <div className="brand">secdesk</div>
        <ul>
          {SECTIONS.filter((s) => can(s.permission)).map((s) => (
            <li key={s.to}><NavLink to={s.to}>{s.label}</NavLink></li>
          ))}
        </ul>
        <div className="whoami">
          <NavLink to="/account" className="name">{me?.name}</NavLink>
          <span className="muted small">{me?.email}</span>
          <button type="button" className="link" onClick={() => void signOut()}>Sign out</button>
        </div>
      </nav>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
