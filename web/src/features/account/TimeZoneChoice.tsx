// Which zone times are shown in: the team's (the default) or this browser's.
import { useTimeZone } from '../../timezone.tsx';

export function TimeZoneChoice() {
  const { teamZone, viewerZone, choice, choose, format } = useTimeZone();
  const now = new Date().toISOString();
  return (
    <section className="card form" aria-labelledby="tz-heading">
      <h2 id="tz-heading">Time zone</h2>
      <fieldset>
        <legend>Show times in</legend>
        <label>
          <input type="radio" name="tz" checked={choice === 'team'} onChange={() => choose('team')} /> the team's time zone ({teamZone ?? '…'})
        </label>
        <label>
          <input type="radio" name="tz" checked={choice === 'viewer'} onChange={() => choose('viewer')} /> my own ({viewerZone})
        </label>
      </fieldset>
      <p className="small" role="status">
        Now: {format(now)}. Exports are always in UTC. Kept in this browser.
      </p>
    </section>
  );
}
