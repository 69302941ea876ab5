export { decodeNdjson, decodeJsonAuto, DEFAULT_JSON_OPTIONS, type JsonDecodeOptions, type DecodeResult } from './decode.js';
export { normalizeGenericJson } from './generic.js';
export { flattenObject } from './flatten.js';
export { parseEventTime, findEventTime } from './timestamp.js';
export { exceedsJsonDepth } from './depth.js';
