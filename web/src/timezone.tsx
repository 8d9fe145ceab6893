// One time rule for the whole app: every absolute time on screen says its zone — the team's time
// zone (the team calendar, SECDESK_TIME_ZONE) by default, the viewer's own when they choose it on
// their Account page (kept in this browser). Relative times ("2 hours ago") need no zone.
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useSession } from './session.tsx';
import { useApi } from './useApi.ts';

export type ZoneChoice = 'team' | 'viewer';
const KEY = 'secdesk.timeZone';
const VIEWER = Intl.DateTimeFormat().resolvedOptions().timeZone;

interface TimeZoneState {
  /** The zone times are shown in now. */
  zone: string;
  teamZone: string | null;
  viewerZone: string;
  choice: ZoneChoice;
  choose(choice: ZoneChoice): void;
  /** "7 Dec 2026, 09:30 EST": a full time in the chosen zone, with the zone's name. */
  format(iso: string): string;
}

const TimeZoneContext = createContext<TimeZoneState | null>(null);

function stored(): ZoneChoice {
  try {
    return localStorage.getItem(KEY) === 'viewer' ? 'viewer' : 'team';
  } catch {
    return 'team';
  }
}

export function formatIn(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

export function TimeZoneProvider({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const calendar = useApi<{ timeZone: string }>(me ? '/api/calendar' : null);
  const [choice, setChoice] = useState<ZoneChoice>(stored);
  const teamZone = calendar.data?.timeZone ?? null;
  const zone = choice === 'viewer' || !teamZone ? VIEWER : teamZone;
  const choose = (next: ZoneChoice) => {
    setChoice(next);
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // A browser that keeps nothing still shows the choice until the page is reloaded.
    }
  };
  return (
    <TimeZoneContext.Provider value={{ zone, teamZone, viewerZone: VIEWER, choice, choose, format: (iso) => formatIn(iso, zone) }}>
      {children}
    </TimeZoneContext.Provider>
  );
}

export function useTimeZone(): TimeZoneState {
  const state = useContext(TimeZoneContext);
  if (!state) return { zone: VIEWER, teamZone: null, viewerZone: VIEWER, choice: 'viewer', choose: () => {}, format: (iso) => formatIn(iso, VIEWER) };
  return state;
}
