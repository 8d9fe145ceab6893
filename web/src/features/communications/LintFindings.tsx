// The channel's linter on the current version: plain text and no tracking for email, length limits
// for social posts, no internal-only facts in public content. Findings block approval.
import { useEffect, useState, type ReactNode } from 'react';
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

type Finding = LintResult['findings'][number];

/** The text with each finding's span marked where it stands (overlapping spans: the first wins). */
export function MarkedText({ text, findings, label }: { text: string; findings: Finding[]; label: string }) {
  const spans = findings.filter((f) => f.text.length > 0 && text.startsWith(f.text, f.index)).sort((a, b) => a.index - b.index);
  const out: ReactNode[] = [];
  let at = 0;
  for (const f of spans) {
    if (f.index < at) continue;
    out.push(text.slice(at, f.index));
    out.push(
      <mark key={f.index} title={f.message}>
        <span className="sr-only">[flagged ({f.rule}): </span>
        {f.text}
        <span className="sr-only">]</span>
      </mark>,
    );
    at = f.index + f.text.length;
  }
  out.push(text.slice(at));
  return (
    <pre className="diff" role="group" aria-label={label}>
      {out}
    </pre>
  );
}

export function LintFindings({ lint, subject, body }: { lint: ReturnType<typeof useLint>; subject: string; body: string }) {
  const { result, error, retry } = lint;
  if (error)
    return (
      <div className="state error" role="alert">
        {error}{' '}
        <button type="button" className="link" onClick={retry}>
          Try again
        </button>
      </div>
    );
  if (!result)
    return (
      <p className="state" role="status">
        Linting…
      </p>
    );
  if (result.clean) return <p className="state notice">Linter: version {result.version} is clean.</p>;
  return (
    <section className="state error" aria-label="Linter findings">
      <strong>
        Linter: {result.findings.length} finding{result.findings.length === 1 ? '' : 's'} in version {result.version} — fix before approval
      </strong>
      <ul>
        {result.findings.map((f, i) => (
          <li key={i}>
            {f.part} line {f.line}, column {f.column}: {f.message}
            {f.text ? (
              <>
                {' '}
                — <code>{f.text}</code>
              </>
            ) : null}{' '}
            <span className="muted small">({f.rule})</span>
          </li>
        ))}
      </ul>
      {result.findings.some((f) => f.part === 'subject') ? (
        <MarkedText text={subject} findings={result.findings.filter((f) => f.part === 'subject')} label="Subject with findings marked" />
      ) : null}
      {result.findings.some((f) => f.part === 'body') ? (
        <MarkedText text={body} findings={result.findings.filter((f) => f.part === 'body')} label="Body with findings marked" />
      ) : null}
    </section>
  );
}
