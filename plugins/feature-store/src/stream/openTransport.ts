import type { StreamSource } from '../definitions/types';
import { natsTransport } from './natsTransport';
import { redisStreamTransport } from './redisStreamTransport';
import type { StreamTransport } from './StreamTransport';

/** The transport a stream source names (its client library is loaded on `open`). */
export function openTransport(source: StreamSource, consumerName?: string): StreamTransport {
  return source.transport.type === 'nats' ? natsTransport(source.transport) : redisStreamTransport(source.transport, consumerName);
}
