// The channel's linter on the current version: plain text and no tracking for email, length limits
// for social posts, no internal-only facts in public content. Findings block approval.
import { ErrorNote } from '../../components/ui.tsx';
import { useApi } from '../../useApi.ts';
import type { LintResult } from '../../types.ts';
import { commPath } from './paths.ts';

export function LintFindings({ incidentId, communicationId, version }: { incidentId: string; communicationId: string; version: number }) {
  const { data, error, reload } = useApi<LintResult>(`${commPath(incidentId, communicationId)}/lint?version=${version}`);
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!data) return <p className="state" role="status">Checking version {version}…</p>;
  if (data.clean) return <p className="state notice">Linter: version {data.version} is clean.</p>;
  return (
    <section className="state error" aria-label="Linter findings">
      <strong>Linter: {data.findings.length} finding{data.findings.length === 1 ? '' : 's'} in version {data.version} — fix before approval</strong>
      <ul>
        {data.findings.map((f, i) => (
          <li key={i}>{f.part} line {f.line}, column {f.column}: {f.message}{f.text ? <> — <code>{f.text}</code></> : null} <span className="muted small">({f.rule})</span></li>
        ))}
      </ul>
    </section>
  );
}
