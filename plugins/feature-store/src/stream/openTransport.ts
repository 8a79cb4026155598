import type { StreamSource } from '../definitions/types';
import { natsTransport } from './natsTransport';
import { redisStreamTransport } from './redisStreamTransport';
import type { StreamTransport } from './StreamTransport';

/** The transport a stream source names (its client library is loaded on `open`). */
export function openTransport(source: StreamSource, options: { consumerName?: string; batchSize: number }): StreamTransport {
  // The NATS reader buffers one batch ahead at most: memory stays bounded by the batch size.
  return source.transport.type === 'nats' ? natsTransport(source.transport, options.batchSize) : redisStreamTransport(source.transport, options.consumerName);
}
