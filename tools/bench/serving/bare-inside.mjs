// Bench-only preload (`NODE_OPTIONS=--import=<this file>`): the bare handler (bareHandler.mjs) served
// from inside another program's process, here `mlops serve`, on MLOPS_BENCH_BARE_PORT with
// MLOPS_BENCH_BARE_MODEL. Same process, flags, timers, heap and loaded modules as the server around
// it, so a latency difference between this port and a plain bare-server.mjs is the environment's,
// and one between this port and `mlops serve`'s own is the handler's. Not loaded by anything else.
import { serveBare } from './bareHandler.mjs';

const port = process.env.MLOPS_BENCH_BARE_PORT;
const model = process.env.MLOPS_BENCH_BARE_MODEL;
// Only the process it was meant for (NODE_OPTIONS reaches every node a program starts).
delete process.env.NODE_OPTIONS;
if (port && model) {
  // After the program's own start: nothing of ours loads before its modules do.
  setTimeout(() => void serveBare(model, port), 3000).unref?.();
}
