/** One message read from a stream: the id that makes redelivery harmless, and the payload. */
export interface StreamMessage {
  id: string;
  data: Uint8Array | string;
}

/**
 * What the ingester needs from a stream, whatever carries it (NATS JetStream, Redis Streams).
 * Internal to the feature store: the commit-then-ack order lives in `runIngest`, a transport only
 * moves messages.
 */
export interface StreamTransport {
  /** Connects, creates the stream, consumer or group if missing. */
  open(): Promise<void>;
  /**
   * Up to `max` messages, waiting at most `waitMs` for the first one; returns what is there
   * without waiting for a full batch. Unacknowledged messages are redelivered (to this or a
   * later consumer). Never holds more than `max` unprocessed messages in memory.
   */
  next(max: number, waitMs: number): Promise<StreamMessage[]>;
  /** Acknowledges messages whose events are committed (or dead-lettered). */
  ack(messages: readonly StreamMessage[]): Promise<void>;
  /** Publishes a refused message to the dead-letter stream with the reason. */
  deadLetter(message: StreamMessage, reason: string, view: string): Promise<void>;
  /** Messages in the stream not yet delivered to this consumer (group). */
  lag(): Promise<number>;
  /** Returns undelivered buffered messages to the stream and disconnects after pending acks are sent. */
  close(): Promise<void>;
}
