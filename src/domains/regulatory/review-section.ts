// The regulatory deadlines of an incident as a section of its post-incident review (Markdown;
// user text escaped like the rest of the review).
import { mdText } from '../incidents/incident-review.ts';
import { spanWords } from './deadline.ts';
import type { RegulatoryClockRecord } from './regulatory.ports.ts';

function outcome(c: RegulatoryClockRecord): string {
  if (c.state === 'met') {
    const late = c.metAt && c.metAt > c.dueAt ? ', after the deadline' : '';
    return `met: notified ${c.metAt?.toISOString()}${late}${c.reference ? `, reference ${mdText(c.reference)}` : ''} (by ${mdText(c.closedBy ?? '')})`;
  }
  if (c.state === 'not_applicable') return `not applicable: ${mdText(c.reason ?? '')} (by ${mdText(c.closedBy ?? '')})`;
  return 'still running';
}

export function regulatorySection(clocks: readonly RegulatoryClockRecord[]): string[] {
  const rows = clocks.map(
    (c) =>
      `| ${mdText(c.terms.name)} | ${mdText(spanWords(c.terms.span))} from ${c.terms.from} | ${c.startedAt.toISOString()} | ${c.dueAt.toISOString()} | ${outcome(c)} |`,
  );
  return [
    '## Regulatory deadlines',
    '',
    ...(rows.length ? ['| Deadline | Runs | Started | Due (UTC) | Outcome |', '| --- | --- | --- | --- | --- |', ...rows] : ['_No regulatory clock started._']),
    '',
  ];
}
