// On call: who holds each of the plan's roles now, gaps in cover warned, and each role's rotation
// with its overrides, editable by those who manage on-call (iCalendar export and import too).
import { ErrorNote, Loading, PageHeader, Time } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useApi } from '../../useApi.ts';
import type { Person, RotationView } from '../../types.ts';
import { RotationEditor } from './RotationEditor.tsx';

function Gaps({ view }: { view: RotationView }) {
  if (view.gaps.length === 0) return null;
  return (
    <div className="state error" role="alert">
      <ul aria-label={`Gaps in ${view.label}`}>
        {view.gaps.map((g) => (
          <li key={g.from}>
            Nobody on call from <Time iso={g.from} relativeTo={false} /> to <Time iso={g.to} relativeTo={false} />: {g.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function OnCallPage() {
  const { can } = useSession();
  const { data, error, reload } = useApi<{ items: RotationView[] }>('/api/oncall/now');
  const people = useApi<{ items: Person[] }>('/api/oncall/people');
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!data || !people.data) return <Loading what="on-call rotations" />;
  return (
    <section>
      <PageHeader title="On call" />
      <table className="list" aria-label="On call now">
        <thead>
          <tr>
            <th>Role</th>
            <th>On call now</th>
            <th>Until</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((v) => (
            <tr key={v.role}>
              <td>{v.label}</td>
              <td>{v.onCall ? `${v.onCall.person.name}${v.onCall.source === 'override' ? ' (override)' : ''}` : <strong className="error">nobody</strong>}</td>
              <td>{v.onCall ? <Time iso={v.onCall.to} relativeTo={false} /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.items.map((v) => (
        <article key={v.role} className="card">
          <h2>{v.label}</h2>
          <Gaps view={v} />
          <RotationEditor view={v} people={people.data!.items} canManage={can('oncall.manage')} onSaved={reload} />
        </article>
      ))}
    </section>
  );
}
