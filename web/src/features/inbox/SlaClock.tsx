// The first-handling clock as the inbox shows it: time left in business hours, at risk, breached,
// paused while pending on the requester, or handled; when business time stands still, why and until when.
import type { SlaStatus } from '../../types.ts';

/** Business time as "1 d 4 h" or "3 h 20 min" (a business day is one working day, 24 h). */
export function businessDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest ? `${hours} h ${rest} min` : `${hours} h`;
  return `${rest} min`;
}

export function slaText(sla: SlaStatus): string {
  const left = sla.businessMsLeft ?? 0;
  switch (sla.state) {
    case 'none':
      return '—';
    case 'handled':
      return 'handled';
    case 'paused':
      return `paused (${businessDuration(left)} left)`;
    case 'breached':
      return `breached ${businessDuration(left)} ago`;
    default:
      return `${businessDuration(left)} left`;
  }
}

export function SlaCell({ sla }: { sla: SlaStatus }) {
  const className = sla.state === 'breached' ? 'sla-breached' : sla.state === 'at_risk' ? 'sla-at-risk' : sla.state === 'none' ? 'muted' : undefined;
  const title = sla.dueAt ? `due ${slaTime(sla.dueAt, sla.timeZone)} (business time)${sla.pause ? `; ${sla.pause.explanation}` : ''}` : undefined;
  return (
    <span className={className} title={title}>
      {slaText(sla)}
    </span>
  );
}

/** A time of the clock in the team calendar's zone, the zone named: "Tuesday 24 November 10:00 America/New_York". */
export function slaTime(iso: string, timeZone: string): string {
  const text = new Date(iso).toLocaleString('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${text.replace(' at ', ' ')} ${timeZone}`;
}

export function SlaPanel({ sla }: { sla: SlaStatus }) {
  const label = {
    none: 'No target',
    running: 'Running',
    at_risk: 'At risk',
    breached: 'Breached',
    paused: 'Paused (pending on the requester)',
    handled: 'Handled',
  }[sla.state];
  return (
    <section className="card sla-panel" aria-label="SLA">
      <h2>First handling</h2>
      <p className={`sla-state sla-${sla.state}`}>{label}</p>
      {sla.pause ? (
        <p className="small sla-pause" role="note">
          {sla.pause.explanation.replace(/^p/, 'P')}
        </p>
      ) : null}
      {sla.dueAt ? <p className="small">Due {slaTime(sla.dueAt, sla.timeZone)}</p> : null}
      {sla.businessMsLeft !== null ? (
        <p className="small">
          {sla.businessMsLeft >= 0
            ? `${businessDuration(sla.businessMsLeft)} left in business hours`
            : `${businessDuration(sla.businessMsLeft)} past due in business hours`}
        </p>
      ) : null}
    </section>
  );
}
