export type { EventDetector } from './event-detector.js';
export type { DetectionListener, LiveDetectionOptions } from './live-detection.js';
export { LiveDetection } from './live-detection.js';
export { RuleCatalog } from './rule-catalog.js';
export { RuleChangeStore } from './rule-store.js';
export { DetectionService, NotFoundError } from './detection-service.js';
export type { RuleView, RuleTestAnswer, HuntAnswer } from './rule-views.js';
export { ruleKeyOf } from './to-detection.js';
export { startDetection, builtinRulesDir } from './start-detection.js';
