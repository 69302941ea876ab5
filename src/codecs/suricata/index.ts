export { mapEveRecord, EVE_EVENT_TYPES, EVE_COMMON_SECTIONS, EVE_COMMON_RULES, type EveMapResult } from './eve-map.js';
export { EveLineDecoder, createEveDecoder, decodeEveLine, decodeEveLines, type EveDecoderOptions } from './decoder.js';
export { parseEveTimestamp, eveTimestampToIso } from './eve-time.js';
export { getPath, type EveRecord, type EveRule, type EveTypeMapping, type EveConvert } from './eve-rules.js';
export { checkSchema, schemaAt, type JsonSchema, type SchemaError } from './json-schema-check.js';
export { eveFormat, createEveStreamDecoder } from './format.js';
