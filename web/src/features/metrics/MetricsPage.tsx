// The metrics dashboard: a period, then every section the API gives (headline figures, a table
// with a bar for the section's main column, and its CSV download). Sections are drawn alike, so a
// new source on the server shows up here without changes.
import { useState, type FormEvent } from 'react';
import { Empty, ErrorNote, Loading, PageHeader } from '../../components/ui.tsx';
import type { MetricsReport } from '../../types.ts';
import { useApi } from '../../useApi.ts';

type Section = MetricsReport['sections'][number];
type Kind = Section['columns'][number]['kind'];

function show(value: string | number | null, kind: Kind): string {
  if (value === null) return '—';
  if (typeof value !== 'number') return value;
  if (kind === 'percent') return `${value} %`;
  if (kind === 'hours') return `${value} h`;
  if (kind === 'days') return `${value} d`;
  return String(value);
}

function query(period: { from: string; to: string } | null, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...(period ?? {}), ...extra });
  const text = params.toString();
  return text ? `?${text}` : '';
}

function Bar({ value, max, label }: { value: number; max: number; label: string }) {
  const width = max > 0 ? Math.round((100 * value) / max) : 0;
  return (
    <span className="metric-bar" aria-hidden="true" title={label}>
      <span style={{ width: `${width}%` }} />
    </span>
  );
}

function SectionView({ section, csvHref }: { section: Section; csvHref: string }) {
  const headingId = `metrics-${section.key}`;
  const numbers = section.rows.map((r) => (section.bar ? r[section.bar] : null)).filter((v): v is number => typeof v === 'number');
  const max = section.columns.find((c) => c.key === section.bar)?.kind === 'percent' ? 100 : Math.max(0, ...numbers);
  return (
    <section className="metrics-section" aria-labelledby={headingId}>
      <header className="metrics-section-header">
        <h2 id={headingId}>{section.title}</h2>
        <a className="button" href={csvHref} download>
          Download CSV
        </a>
      </header>
      <p className="lead small">{section.description}</p>
      <dl className="metric-figures">
        {section.figures.map((f) => (
          <div key={f.key}>
            <dt>{f.label}</dt>
            <dd>{show(f.value, f.kind)}</dd>
          </div>
        ))}
      </dl>
      {section.rows.length === 0 ? (
        <Empty>Nothing to show for this period.</Empty>
      ) : (
        <table className="list">
          <caption className="sr-only">{section.title}</caption>
          <thead>
            <tr>
              {section.columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {section.rows.map((row, i) => (
              <tr key={i}>
                {section.columns.map((c, j) => {
                  const value = row[c.key] ?? null;
                  const text = show(value, c.kind);
                  const content =
                    c.key === section.bar && typeof value === 'number' ? (
                      <>
                        {text} <Bar value={value} max={max} label={text} />
                      </>
                    ) : (
                      text
                    );
                  return j === 0 ? (
                    <th key={c.key} scope="row">
                      {content}
                    </th>
                  ) : (
                    <td key={c.key} className={c.kind === 'text' || c.kind === 'date' ? '' : 'num'}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function MetricsPage() {
  const [period, setPeriod] = useState<{ from: string; to: string } | null>(null);
  const [draft, setDraft] = useState({ from: '', to: '' });
  const report = useApi<MetricsReport>(`/api/metrics/inbox${query(period)}`);
  const shown = report.data?.period;
  function apply(event: FormEvent) {
    event.preventDefault();
    setPeriod({ from: draft.from || shown?.from || '', to: draft.to || shown?.to || '' });
  }
  return (
    <>
      <PageHeader title="Metrics" />
      <form className="filters" onSubmit={apply} aria-label="Period">
        <label>
          From
          <input type="date" value={draft.from || shown?.from || ''} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          To
          <input type="date" value={draft.to || shown?.to || ''} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <button type="submit">Show</button>
      </form>
      {shown ? (
        <p className="lead small" role="status">
          From {shown.from} to {shown.to} (both days included), weeks from Monday, times in business hours on the team calendar ({report.data!.timeZone}).
        </p>
      ) : null}
      {report.error ? <ErrorNote error={report.error} retry={report.reload} /> : null}
      {!report.data && !report.error ? <Loading what="metrics" /> : null}
      {report.data?.sections.map((s) => (
        <SectionView key={s.key} section={s} csvHref={`/api/metrics/inbox.csv${query(shown ?? null, { section: s.key })}`} />
      ))}
    </>
  );
}
