export { registerAlertRoutes } from './alerts.js';
export { registerIncidentRoutes } from './incidents.js';
export { registerSuppressionRoutes } from './suppressions.js';
