// GET /status/badge.svg: a small embeddable badge ("<name> | <overall state>"), text escaped.
import type { StatusPageModel } from '../statuspage.types.ts';
import { xmlText } from './escape.ts';
import { overallStatus } from './labels.ts';

const COLORS = { none: '#1a7f37', minor: '#9a6700', major: '#bc4c00', critical: '#cf222e', maintenance: '#0969da' } as const;
// Verdana 11px averages about 7 px a character; the badge only needs to be roughly right.
const widthOf = (text: string) => Math.round([...text].length * 7 + 12);

export function renderBadge(model: Pick<StatusPageModel, 'components' | 'incidents'>, label = 'status'): string {
  const overall = overallStatus(model);
  const left = label.slice(0, 40);
  const [lw, rw] = [widthOf(left), widthOf(overall.short)];
  const title = xmlText(`${left}: ${overall.description}`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${lw + rw}" height="20" role="img" aria-label="${title}"><title>${title}</title>` +
    `<rect width="${lw}" height="20" fill="#444"/><rect x="${lw}" width="${rw}" height="20" fill="${COLORS[overall.indicator]}"/>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">` +
    `<text x="${lw / 2}" y="14">${xmlText(left)}</text><text x="${lw + rw / 2}" y="14">${xmlText(overall.short)}</text></g></svg>`
  );
}
