import { NavLink, Outlet } from 'react-router';
import { useSession } from '../../session.tsx';

export function AdminNav() {
  const { can } = useSession();
  return (
    <section>
      <nav className="tabs" aria-label="Admin">
        {can('users.manage') ? <NavLink to="/admin/setup">Setup</NavLink> : null}
        <NavLink to="/admin/users">Users</NavLink>
        {can('audit.read') ? <NavLink to="/admin/audit">Audit log</NavLink> : null}
        {can('jobs.read') ? <NavLink to="/admin/jobs">Jobs</NavLink> : null}
        {can('templates.manage') ? <NavLink to="/admin/templates">Templates</NavLink> : null}
        {can('teams.manage') ? <NavLink to="/admin/teams">Teams</NavLink> : null}
        {can('customers.manage') ? <NavLink to="/admin/customers">Customers</NavLink> : null}
        {can('comms.manage') ? <NavLink to="/admin/communications">Communications</NavLink> : null}
      </nav>
      <Outlet />
    </section>
  );
}
