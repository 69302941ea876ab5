export { postureReportSchema, parsePostureReport, PLATFORMS, type PostureReport, type Platform } from './posture-schema.js';
export { derivePostureFlags, compareVersions, type PostureFlags, type MinimumOsVersions } from './flags.js';
export { postureToRecord } from './posture-record.js';
export { adaptIntune, intuneItems } from './intune.js';
export { adaptJamf, jamfItems } from './jamf.js';
export { decodePostureBody, type PostureFormat, type DecodedPosture } from './decode.js';
