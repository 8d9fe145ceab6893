// Job queues and the jobs that failed every attempt.
import { api } from '../../api.ts';
import { Empty, ErrorNote, Loading, PageHeader, Time } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useApi } from '../../useApi.ts';

interface Queue {
  name: string;
  queued: number;
  deferred: number;
  active: number;
  failed: number;
  deadLetters: number;
}
interface DeadLetter {
  id: string;
  queue: string;
  originalQueue: string;
  createdAt: string;
  error: string;
}

export function JobsPage() {
  const { can } = useSession();
  const queues = useApi<{ queues: Queue[] }>('/api/admin/jobs');
  const dead = useApi<{ items: DeadLetter[] }>('/api/admin/jobs/dead-letters');
  async function retry(d: DeadLetter) {
    await api('POST', `/api/admin/jobs/dead-letters/${encodeURIComponent(d.queue)}/${d.id}/retry`);
    dead.reload();
    queues.reload();
  }
  return (
    <>
      <PageHeader title="Jobs" />
      <p className="lead small">Queue counts are refreshed about once a minute; dead letters are live.</p>
      {queues.error ? <ErrorNote error={queues.error} retry={queues.reload} /> : null}
      {!queues.data ? (
        <Loading what="queues" />
      ) : queues.data.queues.length === 0 ? (
        <Empty>No queues are defined yet.</Empty>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>Queue</th>
              <th>Queued</th>
              <th>Deferred</th>
              <th>Active</th>
              <th>Failed</th>
              <th>Dead letters</th>
            </tr>
          </thead>
          <tbody>
            {queues.data.queues.map((q) => (
              <tr key={q.name}>
                <td>
                  <code>{q.name}</code>
                </td>
                <td>{q.queued}</td>
                <td>{q.deferred}</td>
                <td>{q.active}</td>
                <td>{q.failed}</td>
                <td>{q.deadLetters}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Dead letters</h2>
      {dead.error ? <ErrorNote error={dead.error} retry={dead.reload} /> : null}
      {!dead.data ? (
        <Loading what="dead letters" />
      ) : dead.data.items.length === 0 ? (
        <Empty>No job has failed all its attempts.</Empty>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>Queue</th>
              <th>Failed</th>
              <th>Error</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {dead.data.items.map((d) => (
              <tr key={d.id}>
                <td>
                  <code>{d.originalQueue}</code>
                </td>
                <td>
                  <Time iso={d.createdAt} />
                </td>
                <td>{d.error}</td>
                <td>
                  {can('jobs.manage') ? (
                    <button type="button" onClick={() => void retry(d)}>
                      Retry
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
