// Words for states and statuses, and the page's overall state, shared by every renderer.
import type { ComponentState, Impact, PublicEvent, StatusEventStatus, StatusPageModel } from '../statuspage.types.ts';

export const STATE_LABELS: Record<ComponentState, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

export const STATUS_LABELS: Record<StatusEventStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

/** Severity order of component states, worst last. */
const SEVERITY: ComponentState[] = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'];

export function worstState(states: ComponentState[]): ComponentState {
  return states.reduce<ComponentState>((worst, s) => (SEVERITY.indexOf(s) > SEVERITY.indexOf(worst) ? s : worst), 'operational');
}

export const IMPACT_OF_STATE: Record<ComponentState, Impact> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

export interface OverallStatus {
  /** Atlassian Statuspage's indicator. */
  indicator: Impact;
  description: string;
  /** Short word for the badge. */
  short: string;
}

const OVERALL: Record<Impact, OverallStatus> = {
  none: { indicator: 'none', description: 'All Systems Operational', short: 'operational' },
  minor: { indicator: 'minor', description: 'Minor Service Outage', short: 'degraded' },
  major: { indicator: 'major', description: 'Partial System Outage', short: 'partial outage' },
  critical: { indicator: 'critical', description: 'Major System Outage', short: 'major outage' },
  maintenance: { indicator: 'maintenance', description: 'Service Under Maintenance', short: 'maintenance' },
};

/** The worst of the components' states; a live incident that names no component still counts as minor. */
export function overallStatus(model: Pick<StatusPageModel, 'components' | 'incidents'>): OverallStatus {
  const impact = IMPACT_OF_STATE[worstState(model.components.map((c) => c.state))];
  if (impact === 'none' || impact === 'maintenance') {
    const incidentImpact = model.incidents.map((i) => i.impact).find((i) => i !== 'none' && i !== 'maintenance');
    if (incidentImpact || model.incidents.length > 0) return OVERALL[incidentImpact ?? 'minor'];
  }
  return OVERALL[impact];
}

/** An event's impact: the worst state its published updates set (maintenance for maintenance). */
export function eventImpact(kind: PublicEvent['kind'], updates: PublicEvent['updates']): Impact {
  if (kind === 'maintenance') return 'maintenance';
  return IMPACT_OF_STATE[worstState(updates.flatMap((u) => u.componentStates.map((c) => c.state)))];
}
