// The communications API's addresses, in one place.
export const planPath = (incidentId: string) => `/api/incidents/${incidentId}/communications`;
export const commPath = (incidentId: string, communicationId: string) => `${planPath(incidentId)}/${communicationId}`;
export const HOLDING_PATH = '/api/holding-statements';
