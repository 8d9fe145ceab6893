// Periods nobody is on call, to warn about when a rotation is saved or viewed: a rotation without
// participants (covered, if at all, by overrides only), or the time before it starts.
import { DateTime } from 'luxon';
import type { Gap, Rotation } from './oncall.types.ts';
import { firstHandOver } from './rotation.ts';

interface Span {
  from: number;
  to: number;
}

/** The parts of `span` that none of `cover` overlaps. */
function uncovered(span: Span, cover: Span[]): Span[] {
  const out: Span[] = [];
  let cursor = span.from;
  for (const c of [...cover].sort((a, b) => a.from - b.from)) {
    if (c.to <= cursor || c.from >= span.to) continue;
    if (c.from > cursor) out.push({ from: cursor, to: c.from });
    cursor = Math.max(cursor, c.to);
    if (cursor >= span.to) break;
  }
  if (cursor < span.to) out.push({ from: cursor, to: span.to });
  return out;
}

/** Uncovered periods within [from, to), after overrides are taken into account. */
export function gaps(rotation: Rotation, from: Date, to: Date): Gap[] {
  if (to <= from) return [];
  const overrides = rotation.overrides.map((o) => ({ from: o.from.getTime(), to: o.to.getTime() }));
  let bare: Span | null;
  let reason: string;
  if (rotation.participants.length === 0) {
    bare = { from: from.getTime(), to: to.getTime() };
    reason = overrides.length ? 'the rotation has no participants; only overrides cover it' : 'the rotation has no participants';
  } else {
    const start = firstHandOver(rotation);
    bare = from < start ? { from: from.getTime(), to: Math.min(to.getTime(), start.getTime()) } : null;
    const local = DateTime.fromJSDate(start, { zone: rotation.timeZone }).toFormat("ccc d LLL yyyy HH:mm '('ZZZZ')'");
    reason = `the rotation starts on ${local}`;
  }
  if (!bare) return [];
  return uncovered(bare, overrides).map((s) => ({ from: new Date(s.from), to: new Date(s.to), reason }));
}
