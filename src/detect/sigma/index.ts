/**
 * Vigil's Sigma engine: load rules (YAML text, files, folders) with located errors, compile them
 * to a bundle that matches events in memory, correlate detections in event time, run the tests
 * rules carry. See docs/sigma.md.
 */
export type { Pos, SigmaDiagnostic, Severity } from './diagnostics.js';
export { formatDiagnostic } from './diagnostics.js';
export type { SigmaRuleSet } from './model/collection.js';
export { loadSigmaRules, loadSigmaText, addSigmaText, emptyRuleSet } from './model/collection.js';
export type { SigmaRule, SigmaCorrelation, SigmaFilter, SigmaLogsource, SigmaLevel, CorrelationType } from './model/types.js';
export { SIGMA_LEVELS } from './model/types.js';
export type { IrNode, IrPredicate, IrRule, IrTest, MatchPart, StringShape } from './compile/ir.js';
export { forEachPredicate, stringShape } from './compile/ir.js';
export type { CompileOptions } from './compile/rule-to-ir.js';
export { loadPlaceholders, placeholdersFromObject } from './compile/placeholders.js';
export type { PlaceholderValues } from './compile/placeholders.js';
export type { FieldPlace, RecordShape } from './mapping/field-resolver.js';
export { resolveField } from './mapping/field-resolver.js';
export type { EventClass } from './mapping/classify.js';
export { classifyEvent, UNCLASSIFIED } from './mapping/classify.js';
export type { CompileResult } from './compile-bundle.js';
export { compileSigmaBundle } from './compile-bundle.js';
export type { SigmaInput, SigmaMatch, RuleInfo, RuleStats, BundleOptions } from './match/bundle.js';
export { SigmaBundle } from './match/bundle.js';
export type { MatchedValue } from './match/explain.js';
export { CorrelationEngine } from './correlation/engine.js';
export type { CorrelationDetection, CorrelationOptions, CorrelationStats } from './correlation/types.js';
export { DEFAULT_CORRELATION_OPTIONS } from './correlation/types.js';
export { JsonRecordScanner, parseJsonRecords } from './events/json-records.js';
export type { JsonRecordResult } from './events/json-records.js';
export { eventXmlToJson, EventXmlError } from './events/event-xml.js';
