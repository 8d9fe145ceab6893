// An incident's timeline for export: JSON Lines (one event per line, for tools) or Markdown (for people).
import type { Incident } from './incidents.types.ts';

export function timelineAsJsonLines(incident: Incident): string {
  return (
    incident.timeline
      .map((e) => JSON.stringify({ incident: incident.number, at: e.at.toISOString(), kind: e.kind, summary: e.summary, by: e.actorLabel, id: e.id }))
      .join('\n') + '\n'
  );
}

/** Table cells cannot hold raw pipes or line breaks. */
const cell = (text: string) => text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, ' ');

export function timelineAsMarkdown(incident: Incident): string {
  const rows = incident.timeline.map((e) => `| ${e.at.toISOString()} | ${cell(e.kind)} | ${cell(e.summary)} | ${cell(e.actorLabel)} |`);
  return [
    `# Incident #${incident.number}: ${cell(incident.title)}`,
    '',
    `Status: ${incident.status}. Risk: ${incident.risk.label} (${incident.risk.score}). Declared ${incident.declaredAt.toISOString()}.`,
    '',
    '| When (UTC) | Kind | What | By |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
