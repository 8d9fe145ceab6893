// What the public status page is about: live incidents that are not restricted.
import type { Page } from '../../api.ts';
import { Empty, ErrorNote, Loading, PageHeader } from '../../components/ui.tsx';
import { useApi } from '../../useApi.ts';
import type { IncidentSummary } from '../../types.ts';
import { IncidentTable } from '../incidents/IncidentsPage.tsx';

const LIVE = new Set(['declared', 'investigating', 'mitigated']);

export function StatusPageSection() {
  const { data, error, reload } = useApi<Page<IncidentSummary>>('/api/incidents?limit=200');
  const live = data?.items.filter((i) => LIVE.has(i.status) && i.visibility === 'normal') ?? [];
  return (
    <section>
      <PageHeader title="Status page" />
      <p className="lead">The public status page shows only what a communications manager publishes about live incidents; restricted incidents never appear there. These are the live incidents it may cover.</p>
      {error ? <ErrorNote error={error} retry={reload} /> : null}
      {!data && !error ? <Loading what="incidents" /> : null}
      {data && live.length === 0 ? <Empty>No live incidents.</Empty> : null}
      {live.length > 0 ? <IncidentTable items={live} /> : null}
    </section>
  );
}
