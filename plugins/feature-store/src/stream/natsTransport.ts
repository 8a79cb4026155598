import type { JsMsg } from '@nats-io/jetstream';
import type { NatsTransport } from '../definitions/types';
import { MessageQueue } from './MessageQueue';
import type { StreamMessage, StreamTransport } from './StreamTransport';

interface NatsMessage extends StreamMessage {
  msg: JsMsg;
}

/**
 * {@link StreamTransport} on NATS JetStream: a durable pull consumer with explicit acks, so a
 * restarted ingester resumes after the last acknowledged message and an unacknowledged one is
 * redelivered after `ackWaitMs`. The message id is the `Nats-Msg-Id` header (the publisher's id,
 * which JetStream also deduplicates on) or `<stream>:<sequence>`.
 */
export function natsTransport(options: NatsTransport, bufferSize = 2000): StreamTransport {
  let close: (() => Promise<void>) | undefined;
  let queue: MessageQueue<NatsMessage> | undefined;
  let api: { deadLetter(m: NatsMessage, reason: string, view: string): Promise<void>; lag(): Promise<number>; flush(): Promise<void> } | undefined;
  const opened = () => {
    if (!queue || !api) throw new Error(`nats stream ${options.stream}: not open`);
    return { queue, api };
  };
  return {
    async open() {
      // Loaded here so that the client is needed only by views that stream from NATS.
      const [{ connect }, { headers, nanos }, js] = await Promise.all([import('@nats-io/transport-node'), import('@nats-io/nats-core'), import('@nats-io/jetstream')]);
      // A long-lived consumer waits out any outage (the client's default gives up after 10 tries);
      // the first connect still fails at once, so a wrong address is reported, not retried.
      const nc = await connect({ servers: options.servers.split(','), name: `mlops-ingest-${options.durable}`, maxReconnectAttempts: -1 });
      try {
        const jsm = await js.jetstreamManager(nc);
        await ensureStream(jsm, options.stream, options.subject);
        await ensureStream(jsm, `${options.stream}_DEAD`, options.deadLetterSubject);
        // max_ack_pending covers what the ingester may hold unacknowledged (the buffer, the batch
        // being written online, two batches waiting for their offline append), so the server's
        // default of 1 000 does not stall delivery while an offline append runs.
        await jsm.consumers.info(options.stream, options.durable).catch(() =>
          jsm.consumers.add(options.stream, { durable_name: options.durable, ack_policy: js.AckPolicy.Explicit, ack_wait: nanos(options.ackWaitMs), filter_subject: options.subject, deliver_policy: js.DeliverPolicy.All, max_ack_pending: 4 * bufferSize }),
        );
        const client = js.jetstream(nc);
        const consumer = await client.consumers.get(options.stream, options.durable);
        const q = new MessageQueue<NatsMessage>(bufferSize);
        queue = q;
        let messages: Awaited<ReturnType<typeof consumer.consume>> | undefined;
        const pump = (async () => {
          messages = await consumer.consume({ max_messages: q.capacity });
          for await (const msg of messages) {
            const id = msg.headers?.get('Nats-Msg-Id') || `${options.stream}:${msg.seq}`;
            await q.put({ id, data: msg.data, msg });
          }
        })();
        pump.catch((error: unknown) => q.fail(error as Error));
        api = {
          async deadLetter(m, reason, view) {
            const h = headers();
            h.set('Mlops-Reason', reason.slice(0, 1000));
            h.set('Mlops-Message-Id', m.id);
            h.set('Mlops-View', view);
            await client.publish(options.deadLetterSubject, m.data, { headers: h });
          },
          lag: async () => (await consumer.info()).num_pending,
          flush: () => nc.flush(),
        };
        close = async () => {
          messages?.stop();
          // Messages fetched but not processed go back now rather than after ack_wait.
          for (const m of q.drain()) m.msg.nak();
          await nc.drain();
          await pump.catch(() => undefined);
        };
      } catch (error) {
        await nc.close();
        throw error;
      }
    },
    next: (max, waitMs) => opened().queue.take(max, waitMs),
    async ack(messages) {
      for (const m of messages as NatsMessage[]) m.msg.ack();
      await opened().api.flush();
    },
    deadLetter: (m, reason, view) => opened().api.deadLetter(m as NatsMessage, reason, view),
    lag: () => opened().api.lag(),
    async close() {
      await close?.();
      close = undefined;
    },
  };
}

type JetStreamManager = Awaited<ReturnType<typeof import('@nats-io/jetstream').jetstreamManager>>;

async function ensureStream(jsm: JetStreamManager, name: string, subject: string): Promise<void> {
  try {
    await jsm.streams.info(name);
  } catch {
    await jsm.streams.add({ name, subjects: [subject] });
  }
}
