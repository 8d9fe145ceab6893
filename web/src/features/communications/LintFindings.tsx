// The channel's linter on the current version: plain text and no tracking for email, length limits
// for social posts, no internal-only facts in public content. Findings block approval.
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import type { CommsLintResult as LintResult } from '../../types.ts';
import { commPath } from './paths.ts';

/** Lints the current version (not once it was sent: the snapshot is final). */
export function useLint(incidentId: string | null, communicationId: string, version: number, enabled = true) {
  const [result, setResult] = useState<LintResult | null>(null);
  const [error, setError] = useState('');
  const [again, setAgain] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setResult(null);
    api<LintResult>('POST', `${commPath(incidentId, communicationId)}/lint`)
      .then((r) => current && (setResult(r), setError('')))
      .catch((err: Error) => current && setError(`The linter could not run: ${err.message}`));
    return () => {
      current = false;
    };
  }, [incidentId, communicationId, version, again, enabled]);
  return { result, error, retry: () => setAgain((n) => n + 1) };
}

export function LintFindings({ lint }: { lint: ReturnType<typeof useLint> }) {
  const { result, error, retry } = lint;
  if (error) return <div className="state error" role="alert">{error} <button type="button" className="link" onClick={retry}>Try again</button></div>;
  if (!result) return <p className="state" role="status">Linting…</p>;
  if (result.clean) return <p className="state notice">Linter: version {result.version} is clean.</p>;
  return (
    <section className="state error" aria-label="Linter findings">
      <strong>Linter: {result.findings.length} finding{result.findings.length === 1 ? '' : 's'} in version {result.version} — fix before approval</strong>
      <ul>
        {result.findings.map((f, i) => (
          <li key={i}>{f.part} line {f.line}, column {f.column}: {f.message}{f.text ? <> — <code>{f.text}</code></> : null} <span className="muted small">({f.rule})</span></li>
        ))}
      </ul>
    </section>
  );
}
