// Small shared pieces: page header, states, badges, times.
import type { ReactNode } from 'react';
import { useTimeZone } from '../timezone.tsx';

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {children ? <div className="page-actions">{children}</div> : null}
    </header>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorNote({ error, retry }: { error: Error; retry?: () => void }) {
  return (
    <div className="state error" role="alert">
      {error.message}
      {retry ? (
        <button type="button" className="link" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

export function Badge({ kind, children }: { kind: string; children: ReactNode }) {
  return <span className={`badge badge-${kind.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`}>{children}</span>;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function ago(iso: string, now = Date.now()): string {
  const diff = new Date(iso).getTime() - now;
  for (const [unit, ms] of UNITS) if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit);
  return 'just now';
}

/** A time: relative ("2 hours ago") with the full time and its zone on hover, or the full time with its zone. */
export function Time({ iso, relativeTo }: { iso: string | null; relativeTo?: boolean }) {
  const { format } = useTimeZone();
  if (!iso) return <span className="muted">—</span>;
  const full = format(iso);
  return (
    <time dateTime={iso} title={full}>
      {relativeTo === false ? full : ago(iso)}
    </time>
  );
}

export function NoAccess() {
  return (
    <section>
      <PageHeader title="No access" />
      <p className="state">You don't have access to this section. Ask an administrator for the role that includes it.</p>
    </section>
  );
}

export function label(value: string): string {
  return value.replace(/^redirect:/, 'redirect: ').replace(/_/g, ' ');
}
