export * from './sessionEvents.js';
