// The editable list of incident types: everyone who reads incidents sees it (the declare form),
// admins replace it. A type some incident has cannot be removed.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext } from '../context.ts';
import { ConflictError } from '../errors.ts';
import type { AuditPort, Transactor } from '../ports.ts';
import type { IncidentTypesRepository } from './incidents.ports.ts';
import { validateIncidentTypes, type IncidentType } from './incident-types.ts';

export class IncidentTypesService {
  readonly #store: Transactor<{ incidentTypes: IncidentTypesRepository; audit: AuditPort }>;

  constructor(deps: { store: Transactor<{ incidentTypes: IncidentTypesRepository; audit: AuditPort }> }) {
    this.#store = deps.store;
  }

  async list(ctx: ActionContext): Promise<IncidentType[]> {
    authorize(ctx.actor, 'incidents.read');
    return this.#store.read.incidentTypes.list();
  }

  async replace(ctx: ActionContext, input: IncidentType[]): Promise<IncidentType[]> {
    authorize(ctx.actor, 'incident_types.manage');
    const types = validateIncidentTypes(input);
    await this.#store.transaction(async (s) => {
      const missing = (await s.incidentTypes.inUse()).filter((t) => !types.some((k) => k.id === t));
      if (missing.length) throw new ConflictError(`types in use by incidents cannot be removed: ${missing.join(', ')}`);
      const before = await s.incidentTypes.list();
      await s.incidentTypes.replace(types);
      await s.audit.append(ctx, { action: 'incident_types.saved', entityType: 'incident_types', before, after: types });
    });
    return this.#store.read.incidentTypes.list();
  }
}
