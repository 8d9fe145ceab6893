// The public status page's management: publish incident updates (previewed first), components
// and their state, maintenance windows; with a link to the public page. Only what a
// communications manager (or admin) publishes appears there; restricted incidents never do.
import { ErrorNote, Loading, PageHeader } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useApi } from '../../useApi.ts';
import type { StatusComponent, StatusEvent } from '../../types.ts';
import { ComponentsEditor } from './ComponentsEditor.tsx';
import { ScheduleMaintenance } from './MaintenanceForm.tsx';
import { PublishUpdateForm } from './PublishUpdateForm.tsx';
import { PrivatePagesSection } from './PrivatePagesSection.tsx';
import { StatusEventsList } from './StatusEventsList.tsx';
import { SubscribersSection } from './SubscribersSection.tsx';

function PublicLink() {
  return (
    <p className="lead">
      The public page:{' '}
      <a href="/status" target="_blank" rel="noreferrer">
        /status
      </a>{' '}
      (also <a href="/status.json">JSON</a>, <a href="/status/feed.atom">Atom</a>, <a href="/status/feed.rss">RSS</a>, <a href="/status/badge.svg">badge</a>).
      Only published updates appear there; restricted incidents never do.
    </p>
  );
}

function Manage() {
  const components = useApi<{ items: StatusComponent[] }>('/api/statuspage/components');
  const events = useApi<{ items: StatusEvent[] }>('/api/statuspage/events');
  const error = components.error ?? events.error;
  if (error)
    return (
      <ErrorNote
        error={error}
        retry={() => {
          components.reload();
          events.reload();
        }}
      />
    );
  if (!components.data || !events.data) return <Loading what="the status page" />;
  const reload = () => {
    components.reload();
    events.reload();
  };
  return (
    <>
      <PublishUpdateForm components={components.data.items} events={events.data.items} onDone={reload} />
      <StatusEventsList events={events.data.items} onChanged={reload} />
      <ScheduleMaintenance components={components.data.items} onDone={reload} />
      <ComponentsEditor components={components.data.items} onSaved={reload} />
      <PrivatePagesSection components={components.data.items} />
    </>
  );
}

export function StatusPageSection() {
  const { can } = useSession();
  return (
    <section>
      <PageHeader title="Status page" />
      <PublicLink />
      {can('status.publish') ? <Manage /> : <p className="muted">Publishing to the status page is for communications managers and admins.</p>}
      {can('comms.send') ? <SubscribersSection /> : null}
    </section>
  );
}
