export { type ExportMachine, exportMachine } from './export.machine.js';
export * from './types.js';
