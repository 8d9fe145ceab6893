// The editable list of incident types. The defaults are seeded by migration 0012; admins add,
// rename and reorder them. A type in use by an incident cannot be removed from the list.
import { ValidationError } from '../errors.ts';

export interface IncidentType {
  /** Stable slug, stored on incidents and named in stakeholder conditions. */
  id: string;
  label: string;
}

export const DEFAULT_INCIDENT_TYPES: readonly IncidentType[] = [
  { id: 'data_breach', label: 'Data breach' },
  { id: 'rce', label: 'Remote code execution' },
  { id: 'account_takeover', label: 'Account takeover' },
  { id: 'abuse', label: 'Abuse' },
  { id: 'policy_violation', label: 'Policy violation' },
  { id: 'vulnerability', label: 'Vulnerability' },
  { id: 'other', label: 'Other' },
];

const SLUG = /^[a-z][a-z0-9_]{0,39}$/;
const MAX_TYPES = 100;

export function validateIncidentTypes(types: readonly IncidentType[]): IncidentType[] {
  if (types.length === 0 || types.length > MAX_TYPES) throw new ValidationError(`the list holds 1 to ${MAX_TYPES} types`);
  const seen = new Set<string>();
  return types.map((t) => {
    const label = t.label.trim();
    if (!SLUG.test(t.id)) throw new ValidationError(`type id '${t.id}' must be lower-case letters, digits and underscores (at most 40)`);
    if (!label || label.length > 100) throw new ValidationError(`type '${t.id}' needs a label of 1 to 100 characters`);
    if (seen.has(t.id)) throw new ValidationError(`type '${t.id}' is listed twice`);
    seen.add(t.id);
    return { id: t.id, label };
  });
}

export function checkKnownType(type: string, known: readonly IncidentType[]): void {
  if (!known.some((t) => t.id === type)) throw new ValidationError(`unknown incident type ${type}`, { known: known.map((t) => t.id) });
}
