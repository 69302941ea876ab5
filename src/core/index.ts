export * from './event.js';
export * from './metrics.js';
export * from './errors.js';
export * from './component.js';
