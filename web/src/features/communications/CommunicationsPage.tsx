// The incidents the external communications plan applies to (risk high or above).
import type { Page } from '../../api.ts';
import { Empty, ErrorNote, Loading, PageHeader } from '../../components/ui.tsx';
import { useApi } from '../../useApi.ts';
import type { IncidentSummary } from '../../types.ts';
import { IncidentTable } from '../incidents/IncidentsPage.tsx';

export function CommunicationsPage() {
  const { data, error, reload } = useApi<Page<IncidentSummary>>('/api/incidents?limit=200');
  const planned = data?.items.filter((i) => i.commsPlanApplies && i.status !== 'closed') ?? [];
  return (
    <section>
      <PageHeader title="Communications" />
      <p className="lead">The communications plan applies to incidents whose risk is high or above: customers hear first, and every word that leaves the company is reviewed.</p>
      {error ? <ErrorNote error={error} retry={reload} /> : null}
      {!data && !error ? <Loading what="incidents" /> : null}
      {data && planned.length === 0 ? <Empty>No open incident needs external communications.</Empty> : null}
      {planned.length > 0 ? <IncidentTable items={planned} /> : null}
    </section>
  );
}
