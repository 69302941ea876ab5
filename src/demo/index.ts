/**
 * The demo and benchmark data generator: a deterministic, streaming, multi-source scenario
 * with an attack story and its ground truth. See docs/demo.md.
 */
export { generateScenario, generateScenarioBatches, scenarioGroundTruth } from './scenario.js';
export {
  DEFAULT_SOURCE_MIX,
  MAX_LINUX_SERVERS,
  MAX_USERS,
  resolveScenarioOptions,
  ScenarioOptionsSchema,
  SOURCE_KINDS,
  type ScenarioOptions,
  type ScenarioOptionsInput,
  type SourceKind,
} from './options.js';
export type { ScenarioGroundTruth, StoryEntities, StoryGroundTruth, StoryStepTruth } from './ground-truth.js';
export { STORY_STEPS, STORY_STEP_INFO, type StoryStep } from './story/steps.js';
export { STORY_DURATION_MS } from './story/attack-story.js';
export { BEACON_COUNT, BEACON_JITTER_MS, BEACON_PERIOD_MS } from './story/payload.js';
export { NORMAL_MAX_OUTBOUND_FLOW_BYTES } from './normal/network-activity.js';
export { STORY_ONLY_AWS_EVENT_NAMES } from './catalog/aws-activity.js';
export { DEMO_GEO_PREFIXES, DEMO_HOME_COUNTRIES, demoCountryOf, type DemoGeoPrefix } from './geo.js';
