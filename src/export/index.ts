/**
 * covage-orders/export — the CSV export of order sessions as a machine (start, wait, download,
 * with the doc's rate limit), and its actors on a client. Browser-safe. For the export in one
 * call, without a machine, use the client's `exportCsv()` (main entry).
 */
export {
  DEFAULT_EXPORT_OPTIONS,
  type DownloadExportOutcome,
  type ExportContext,
  type ExportEvent,
  type ExportMachine,
  type ExportMachineOptions,
  type ExportProgressEvent,
  type ExportStatusOutcome,
  exportMachine,
  type StartExportOutcome,
} from '../../machines/export/index.js';
export { createExportActors } from './actors.js';
