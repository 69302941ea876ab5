export * from './event.js';
export * from './metrics.js';
export * from './errors.js';
export * from './component.js';
export * from './batcher.js';
export * from './retry.js';
export * from './ids.js';
