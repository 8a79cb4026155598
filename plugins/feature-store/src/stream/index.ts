export { commitEvents, type CommitContext, type CommitOutcome, type IncomingEvent } from './commitEvents';
export { runIngest } from './runIngest';
export { openTransport } from './openTransport';
export { streamTableName } from './streamTable';
export type { StreamMessage, StreamTransport } from './StreamTransport';
