// A bare BullMQ worker process with an empty processor: the baseline.
import { Worker } from 'bullmq';
import IORedis from 'ioredis';

const [url, prefix, queue, concurrency = '1'] = process.argv.slice(2);
const worker = new Worker(queue, async () => ({}), { connection: new IORedis(url, { maxRetriesPerRequest: null }), prefix, concurrency: Number(concurrency) });
worker.on('ready', () => process.stderr.write('ready\n'));
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
