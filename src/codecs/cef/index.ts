export { parseCef, parseCefExtension, findCefStart, type CefRecord, type CefResult } from './parse-cef.js';
export { cefToEcs, type CefMapping, type CefMappingOptions } from './cef-ecs.js';
export { setEcsField } from './ecs-setters.js';
