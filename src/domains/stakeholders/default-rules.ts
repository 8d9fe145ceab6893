// The four stakeholder rules of the security incident communications plan ("Key internal
// stakeholders and when/how to engage"), shipped as editable defaults. Contacts are left for the
// team to fill in; until then the rules check with a warning, not an error.
import type { StakeholderRule } from './stakeholders.types.ts';

export const SR_DIRECTOR_OF_SECURITY = 'Sr. Director of Security';

export const DEFAULT_STAKEHOLDER_RULES: readonly StakeholderRule[] = [
  {
    id: 'sr-director-of-security',
    group: SR_DIRECTOR_OF_SECURITY,
    contacts: [],
    condition: 'impact >= high',
    dri: { kind: 'on_call_role', role: 'incident_manager' },
    cadence: { kind: 'every', minutes: 60 },
    channel: { kind: 'direct_message' },
    note: 'Hourly unless otherwise requested.',
  },
  {
    id: 'e-group',
    group: 'Broader e-group',
    contacts: [],
    condition: 'data_breach or rce_exploited',
    dri: { kind: 'stakeholder_group', group: SR_DIRECTOR_OF_SECURITY },
    cadence: { kind: 'every', minutes: 60 },
    channel: { kind: 'channel', target: '#e-group' },
    note: 'Immediately in cases of a data breach or an RCE with evidence of exploitation; hourly unless otherwise requested.',
  },
  {
    id: 'corporate-marketing-and-pr',
    group: 'Sr. Director of Corporate Marketing and PR Manager',
    contacts: [],
    // The plan: immediately if publicly reported or there is a regulatory duty to announce; in
    // other cases once the full impact and risk have been determined (the impact_determined fact).
    condition: 'publicly_reported or regulatory_duty or impact_determined',
    dri: { kind: 'on_call_role', role: 'communications_manager' },
    cadence: { kind: 'continuous' },
    channel: { kind: 'incident_channel' },
    note: 'Immediately if publicly reported or there is a regulatory duty to announce; in other cases once the full impact and associated risk have been determined.',
  },
  {
    id: 'legal',
    group: 'Legal',
    contacts: [],
    condition: 'enterprise_customers_impacted or data_breach or personal_data_exposed or private_projects_exposed or financial_information_exposed',
    dri: { kind: 'stakeholder_group', group: SR_DIRECTOR_OF_SECURITY },
    cadence: { kind: 'continuous' },
    channel: { kind: 'incident_channel' },
    note: 'If enterprise (self-managed) customers are impacted, or the incident includes a data breach, including but not limited to exposure of personal data, private projects or financial information.',
  },
];
