export { parseLeef, findLeefStart, readDelimiter, type LeefRecord, type LeefResult } from './parse-leef.js';
export { leefToEcs, type LeefMapping, type LeefMappingOptions } from './leef-ecs.js';
export { parseJavaDate } from './java-date-format.js';
