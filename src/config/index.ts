export { configSchema, type VigilConfig } from './schema.js';
export { loadConfig, parseConfig, formatIssues, type ConfigOverrides, type LoadedConfig, type ResolvedSource } from './load.js';
export { parseByteSize, parseAddress, byteSize, address } from './units.js';
