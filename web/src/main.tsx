import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { SessionProvider, useSession } from './session.tsx';
import { TimeZoneProvider } from './timezone.tsx';
import { Layout } from './components/Layout.tsx';
import { NoAccess } from './components/ui.tsx';
import { SignInPage } from './features/signin/SignInPage.tsx';
import { InboxPage } from './features/inbox/InboxPage.tsx';
import { TicketPage } from './features/inbox/TicketPage.tsx';
import { IncidentsPage } from './features/incidents/IncidentsPage.tsx';
import { IncidentPage } from './features/incidents/IncidentPage.tsx';
import { StakeholderRulesPage } from './features/incidents/StakeholderRulesPage.tsx';
import { OnCallPage } from './features/oncall/OnCallPage.tsx';
import { CommunicationsPage } from './features/communications/CommunicationsPage.tsx';
import { CommsIncidentPage } from './features/communications/CommsIncidentPage.tsx';
import { CommsSettingsPage } from './features/communications/CommsSettingsPage.tsx';
import { StatusPageSection } from './features/statuspage/StatusPageSection.tsx';
import { AdminNav } from './features/admin/AdminNav.tsx';
import { UsersPage } from './features/admin/UsersPage.tsx';
import { SetupPage } from './features/admin/SetupPage.tsx';
import { AuditPage } from './features/admin/AuditPage.tsx';
import { JobsPage } from './features/admin/JobsPage.tsx';
import { TemplatesPage } from './features/admin/TemplatesPage.tsx';
import { TeamsPage } from './features/admin/TeamsPage.tsx';
import { CustomersPage } from './features/admin/CustomersPage.tsx';
import { AccountPage } from './features/account/AccountPage.tsx';
import { NotificationsPage } from './features/notifications/NotificationsPage.tsx';
import { MetricsPage } from './features/metrics/MetricsPage.tsx';
import './styles.css';

function Guard({ permission, children }: { permission: string; children: React.ReactNode }) {
  return useSession().can(permission) ? children : <NoAccess />;
}

function Home() {
  const { can } = useSession();
  return <Navigate to={can('tickets.read') ? '/inbox' : '/incidents'} replace />;
}

function App() {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <p className="state">Loading…</p>;
  if (!me) return location.pathname === '/signin' ? <SignInPage /> : <Navigate to="/signin" replace state={{ from: location.pathname }} />;
  return (
    <Routes>
      <Route path="/signin" element={<Navigate to="/" replace />} />
      <Route element={<Layout />}>
        <Route index element={<Home />} />
        <Route
          path="inbox"
          element={
            <Guard permission="tickets.read">
              <InboxPage />
            </Guard>
          }
        />
        <Route
          path="inbox/:id"
          element={
            <Guard permission="tickets.read">
              <TicketPage />
            </Guard>
          }
        />
        <Route
          path="incidents"
          element={
            <Guard permission="incidents.read">
              <IncidentsPage />
            </Guard>
          }
        />
        <Route
          path="incidents/stakeholder-rules"
          element={
            <Guard permission="incidents.read">
              <StakeholderRulesPage />
            </Guard>
          }
        />
        <Route
          path="incidents/:id"
          element={
            <Guard permission="incidents.read">
              <IncidentPage />
            </Guard>
          }
        />
        <Route
          path="oncall"
          element={
            <Guard permission="incidents.read">
              <OnCallPage />
            </Guard>
          }
        />
        <Route
          path="communications"
          element={
            <Guard permission="comms.read">
              <CommunicationsPage />
            </Guard>
          }
        />
        <Route
          path="communications/:incidentId"
          element={
            <Guard permission="comms.read">
              <CommsIncidentPage />
            </Guard>
          }
        />
        <Route
          path="status-page"
          element={
            <Guard permission="incidents.read">
              <StatusPageSection />
            </Guard>
          }
        />
        <Route
          path="metrics"
          element={
            <Guard permission="metrics.read">
              <MetricsPage />
            </Guard>
          }
        />
        <Route
          path="admin"
          element={
            <Guard permission="users.read">
              <AdminNav />
            </Guard>
          }
        >
          <Route
            path="setup"
            element={
              <Guard permission="users.manage">
                <SetupPage />
              </Guard>
            }
          />
          <Route path="users" element={<UsersPage />} />
          <Route
            path="audit"
            element={
              <Guard permission="audit.read">
                <AuditPage />
              </Guard>
            }
          />
          <Route
            path="jobs"
            element={
              <Guard permission="jobs.read">
                <JobsPage />
              </Guard>
            }
          />
          <Route
            path="templates"
            element={
              <Guard permission="templates.manage">
                <TemplatesPage />
              </Guard>
            }
          />
          <Route
            path="teams"
            element={
              <Guard permission="teams.manage">
                <TeamsPage />
              </Guard>
            }
          />
          <Route
            path="customers"
            element={
              <Guard permission="customers.manage">
                <CustomersPage />
              </Guard>
            }
          />
          <Route
            path="communications"
            element={
              <Guard permission="comms.manage">
                <CommsSettingsPage />
              </Guard>
            }
          />
        </Route>
        <Route path="account" element={<AccountPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route
          path="*"
          element={
            <p className="state">
              Nothing here. <a href="/">Go to the start page</a>.
            </p>
          }
        />
      </Route>
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <TimeZoneProvider>
          <App />
        </TimeZoneProvider>
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
