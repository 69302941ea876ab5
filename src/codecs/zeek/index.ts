export { ZeekTsvReader, type ZeekTsvOptions, type ZeekTsvState, type ZeekTsvLine } from './tsv-reader.js';
export { parseZeekJsonLine, type ZeekJsonOptions, type ZeekJsonLine } from './json-reader.js';
export {
  canonicalNumber,
  isoToEpochSeconds,
  isTimeFieldName,
  zeekPathFromFileName,
  ZEEK_TIME_FIELDS,
  type ZeekRecord,
  type ZeekScalar,
  type ZeekValue,
} from './record.js';
export { decodeZeekText, canonicalText, canonicalTextFromBytes, unescapeZeekBytes } from './text.js';
export { mapZeekRecord, mappedZeekLogs } from './ecs-map.js';
export { ZeekLineDecoder, createZeekDecoder, decodeZeekLines, type ZeekDecoderOptions } from './decoder.js';
export { zeekFormat, createZeekStreamDecoder, type ZeekStreamDecoder } from './format.js';
