// A diff as the API sends it (parts added, removed or kept), marked with text as well as colour.
import type { CommsVersionDiff as VersionDiff } from '../../types.ts';

type Part = VersionDiff['body'][number];

export function DiffText({ parts, label }: { parts: Part[]; label: string }) {
  return (
    <pre className="diff" role="group" aria-label={label}>
      {parts.map((p, i) =>
        p.added ? (
          <ins key={i}>
            <span className="sr-only">[added: </span>
            {p.value}
            <span className="sr-only">]</span>
          </ins>
        ) : p.removed ? (
          <del key={i}>
            <span className="sr-only">[removed: </span>
            {p.value}
            <span className="sr-only">]</span>
          </del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </pre>
  );
}

export const unchanged = (parts: Part[]) => parts.every((p) => !p.added && !p.removed);
