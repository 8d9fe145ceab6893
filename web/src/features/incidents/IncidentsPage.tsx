// Incidents: the board and the declaration form.
import { useState } from 'react';
import { Link } from 'react-router';
import type { Page } from '../../api.ts';
import { Badge, Empty, ErrorNote, label, Loading, PageHeader, Time } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useApi } from '../../useApi.ts';
import type { IncidentSummary } from '../../types.ts';
import { DeclareIncidentForm } from './DeclareIncidentForm.tsx';

export function IncidentTable({ items }: { items: IncidentSummary[] }) {
  return (
    <table className="list">
      <thead>
        <tr>
          <th>#</th>
          <th>Title</th>
          <th>Type</th>
          <th>Status</th>
          <th>Risk</th>
          <th>Declared</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.id}>
            <td className="num">{i.number}</td>
            <td>
              <Link to={`/incidents/${i.id}`}>{i.title}</Link>
              {i.visibility === 'restricted' ? (
                <>
                  {' '}
                  <Badge kind="restricted">restricted</Badge>
                </>
              ) : null}
            </td>
            <td>{label(i.type)}</td>
            <td>
              <Badge kind={i.status}>{i.status}</Badge>
            </td>
            <td>
              <Badge kind={`risk-${i.risk.level}`}>
                {i.risk.label} ({i.risk.score})
              </Badge>
            </td>
            <td>
              <Time iso={i.declaredAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function IncidentsPage() {
  const { can } = useSession();
  const [declaring, setDeclaring] = useState(false);
  const { data, error, reload } = useApi<Page<IncidentSummary>>('/api/incidents?limit=200');
  return (
    <section>
      <PageHeader title="Incidents">
        <Link className="button" to="/incidents/stakeholder-rules">
          Stakeholder rules
        </Link>
        {can('incidents.write') && !declaring ? (
          <button type="button" className="primary" onClick={() => setDeclaring(true)}>
            Declare incident
          </button>
        ) : null}
      </PageHeader>
      {declaring ? (
        <DeclareIncidentForm
          onDone={() => {
            setDeclaring(false);
            reload();
          }}
        />
      ) : null}
      {error ? <ErrorNote error={error} retry={reload} /> : null}
      {!data && !error ? <Loading what="incidents" /> : null}
      {data && data.items.length === 0 ? <Empty>No incidents have been declared.</Empty> : null}
      {data && data.items.length > 0 ? <IncidentTable items={data.items} /> : null}
    </section>
  );
}
