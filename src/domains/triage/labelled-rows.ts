// Labelled JSON Lines: one `{subject, body, from?, label}` object a line. Bad lines are reported by
// number and skipped; everything else is kept.
import { isTriageLabel, TRIAGE_LABELS, type TriageLabel } from './labels.ts';

export interface LabelledRow {
  line: number;
  subject: string;
  body: string;
  from: string;
  label: TriageLabel;
}

export interface RowProblem {
  line: number;
  problem: string;
}

/**
 * JSON Lines of objects, each read by `read` into a row or a problem (a string). Blank lines are
 * skipped; a line that is not a JSON object is a problem.
 */
export function parseJsonLines<T>(text: string, read: (row: Record<string, unknown>, line: number) => T | string): { rows: T[]; problems: RowProblem[] } {
  const rows: T[] = [];
  const problems: RowProblem[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push({ line, problem: 'not valid JSON' });
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ line, problem: 'not a JSON object' });
      return;
    }
    const row = read(value as Record<string, unknown>, line);
    if (typeof row === 'string') problems.push({ line, problem: row });
    else rows.push(row);
  });
  return { rows, problems };
}

export function parseLabelledRows(text: string): { rows: LabelledRow[]; problems: RowProblem[] } {
  return parseJsonLines(text, (row, line) => {
    const missing = ['subject', 'body', 'label'].filter((k) => typeof row[k] !== 'string');
    if (missing.length) return `missing or not text: ${missing.join(', ')}`;
    if (!isTriageLabel(row.label)) return `unknown label "${String(row.label).slice(0, 40)}" (labels: ${TRIAGE_LABELS.join(', ')})`;
    if (row.from !== undefined && row.from !== null && typeof row.from !== 'string') return 'from is not text';
    return { line, subject: row.subject as string, body: row.body as string, from: (row.from as string | undefined) ?? '', label: row.label };
  });
}
