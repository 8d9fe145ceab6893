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

export function parseLabelledRows(text: string): { rows: LabelledRow[]; problems: RowProblem[] } {
  const rows: LabelledRow[] = [];
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
    const row = value as Record<string, unknown> | null;
    if (!row || typeof row !== 'object' || Array.isArray(row)) {
      problems.push({ line, problem: 'not a JSON object' });
      return;
    }
    const missing = ['subject', 'body', 'label'].filter((k) => typeof row[k] !== 'string');
    if (missing.length) {
      problems.push({ line, problem: `missing or not text: ${missing.join(', ')}` });
      return;
    }
    if (!isTriageLabel(row.label)) {
      problems.push({ line, problem: `unknown label "${String(row.label).slice(0, 40)}" (labels: ${TRIAGE_LABELS.join(', ')})` });
      return;
    }
    if (row.from !== undefined && row.from !== null && typeof row.from !== 'string') {
      problems.push({ line, problem: 'from is not text' });
      return;
    }
    rows.push({ line, subject: row.subject as string, body: row.body as string, from: (row.from as string | undefined) ?? '', label: row.label });
  });
  return { rows, problems };
}
