// A date and time typed in the zone the app shows times in (the team's by default, the viewer's on
// request), never silently in the browser's: the zone is written next to the input. The value is an
// ISO instant ('' when empty), so the API gets the moment meant whatever the browser's zone.
import { useTimeZone } from '../timezone.tsx';

function wallParts(ms: number, zone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  return Object.fromEntries(parts.filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(ms: number, zone: string): number {
  const p = wallParts(ms, zone);
  return Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** "2026-12-07T10:01" (a datetime-local value) for an instant, on the zone's wall clock. */
export function toZonedInput(iso: string, zone: string): string {
  const p = wallParts(new Date(iso).getTime(), zone);
  const two = (n: number | undefined) => String(n).padStart(2, '0');
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** The instant a datetime-local value means on the zone's wall clock. */
export function fromZonedInput(local: string, zone: string): string {
  const [date = '', time = ''] = local.split('T');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y!, mo! - 1, d, h, mi);
  const first = wall - offsetAt(wall, zone);
  // Near a change of offset the first guess can land on the other side of it; one more step settles.
  return new Date(wall - offsetAt(first, zone)).toISOString();
}

/** "America/New_York (GMT-5)": the zone and its offset at the moment given (or now). */
export function zoneLabel(zone: string, iso?: string): string {
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(iso ? new Date(iso) : new Date())
    .find((p) => p.type === 'timeZoneName')?.value;
  return offset ? `${zone} (${offset})` : zone;
}

/** The ISO instant of now, for prefilling a field. */
export const nowIso = (): string => new Date().toISOString();

export function DateTimeField({ label, value, onChange, required }: { label: string; value: string; onChange(iso: string): void; required?: boolean }) {
  const { zone } = useTimeZone();
  return (
    <label>
      {label}
      <input
        type="datetime-local"
        required={required}
        value={value ? toZonedInput(value, zone) : ''}
        onChange={(e) => onChange(e.target.value ? fromZonedInput(e.target.value, zone) : '')}
      />
      <span className="muted small">{zoneLabel(zone, value || undefined)}</span>
    </label>
  );
}
