export * from './tracking.machine.js';
