// The communications API's addresses, in one place.
export const planPath = (incidentId: string) => `/api/incidents/${incidentId}/communications/plan`;
export const commsPath = (incidentId: string) => `/api/incidents/${incidentId}/communications`;
/** A communication of an incident, or a holding statement (incidentId null). */
export const commPath = (incidentId: string | null, communicationId: string) =>
  incidentId ? `${commsPath(incidentId)}/${communicationId}` : `${HOLDING_PATH}/${communicationId}`;
export const HOLDING_PATH = '/api/holding-statements';
