/** The event log: storage of a run's events, indexes, snapshots and run metadata. */
export { openLog, EventLog } from './log.js';
export type { OpenLogOptions, AppendResult, SegmentInput, RunMetadata, AppendRecord, SnapshotEntry, HistoryOptions } from './log.js';
export { deriveEventId } from './ids.js';
export { upcast, UPCASTERS } from './upcast.js';
export type { Upcaster } from './upcast.js';
export { checkLog } from './check.js';
export type { CheckReport } from './check.js';
export { ingestFile } from './ingest.js';
export { decodeLine } from './ingest-line.js';
export type { IngestResult, IngestOptions } from './ingest.js';
export { exportLog } from './export.js';
export { isLog } from './exists.js';
