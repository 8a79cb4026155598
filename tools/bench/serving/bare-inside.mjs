// Bench-only preload (`NODE_OPTIONS=--import=<this file>`, set by bench-fixed-rate --inside): serves,
// from inside an `mlops serve` process, the bare handler (bareHandler.mjs) and two steps between it
// and `mlops serve`'s own /predict, each on its own port from MLOPS_BENCH_BARE_PORT (P):
//   P     the bare handler (JSON.parse, JSON.stringify) on the served model's onnxruntime session;
//   P + 1 `engine`: the body read by the bare handler's code, then the served model's own path
//         (ModelSlot's current ServedModel: byte scanner, micro-batcher, runtime-onnx), the bare JSON out;
//   P + 2 `answer`: the same, answered by the server's writer (answerJson + sendJsonText).
// Same process, flags, timers, heap and loaded modules as the server around them: `bare` vs these is
// what the environment costs; the steps between them and the server's own port split the handler's.
// With MLOPS_BENCH_BARE_TIMING set (alone, it only times: bench-fixed-rate preloads it into every
// server with --inside), every request of the process is timed inside it, from node's `request`
// event to the first tick after `res.end` (the JavaScript between the parsed request and the written
// answer, the handler's work after `end` included; the same cut for every handler): on SIGUSR2 the medians per local port since the last signal are
// appended as one JSON line to that file. Unlike a client's round trip, this excludes wake-ups.
import { appendFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { serveBare } from './bareHandler.mjs';

const require = createRequire(import.meta.url);
const port = Number(process.env.MLOPS_BENCH_BARE_PORT);
const model = process.env.MLOPS_BENCH_BARE_MODEL;
// Only the process it was meant for (NODE_OPTIONS reaches every node a program starts).
delete process.env.NODE_OPTIONS;

const timing = process.env.MLOPS_BENCH_BARE_TIMING;
if (timing) timeRequests(timing);

if (port && model) {
  // The server's own modules (the same files, so the same module instances as the server's).
  const lib = join(import.meta.dirname, '../../../plugins/server/dist/lib');
  const { ModelSlot } = require(join(lib, 'ModelSlot.js'));
  const { answerJson } = require(join(lib, 'answerJson.js'));
  const { sendJsonText } = require(join(lib, 'sendJson.js'));
  let slot;
  const refresh = ModelSlot.prototype.refresh;
  ModelSlot.prototype.refresh = function (...args) {
    slot ??= this; // the primary's slot: created and refreshed first
    return refresh.apply(this, args);
  };
  const step = (withAnswer) => (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const served = slot.current();
      const { feeds, rows } = served.scanRows(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
      const out = await served.predict(feeds, rows);
      if (withAnswer) return sendJsonText(res, 200, answerJson(out, served.layout, 'bench').text, 'bench');
      const p = out.outputs.probabilities.data;
      const predictions = [];
      for (let i = 0; i < rows; i++) predictions.push({ label: p[2 * i + 1] > p[2 * i] ? 'pos' : 'neg', probabilities: { neg: p[2 * i], pos: p[2 * i + 1] } });
      const body = JSON.stringify({ predictions });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  };
  // Once the server's model is loaded (its session is the one all four ports run, so they share its caches).
  const wait = setInterval(() => {
    const served = slot?.current();
    if (!served) return;
    clearInterval(wait);
    // runtime-onnx's OnnxLoadedModel's session (native or public), in the shape the bare handler uses.
    const session = served.model.session;
    void serveBare(model, port, { inputNames: session.inputs.map((i) => i.name), run: (feeds) => session.run(feeds) });
    createServer(step(false)).listen(port + 1, '127.0.0.1');
    createServer(step(true)).listen(port + 2, '127.0.0.1');
  }, 100);
}

/** Times every request of every node:http server in this process (see the header); medians per local port on SIGUSR2. */
function timeRequests(file) {
  const byPort = new Map();
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (event, req, res) {
    if (event !== 'request') return emit.apply(this, arguments);
    const t0 = performance.now();
    const end = res.end;
    const at = req.socket.localPort;
    const record = () => {
      let list = byPort.get(at);
      if (!list) byPort.set(at, (list = []));
      list.push((performance.now() - t0) * 1000);
    };
    res.end = function () {
      const r = end.apply(this, arguments);
      // Queued after the tick in which `end` has node write the answer: runs once the handler's
      // own work after `end` is done and the answer is written.
      process.nextTick(record);
      return r;
    };
    return emit.apply(this, arguments);
  };
  process.on('SIGUSR2', () => {
    const medians = {};
    for (const [at, list] of byPort) {
      list.sort((a, b) => a - b);
      medians[at] = list.length ? list[list.length >> 1] : null;
    }
    byPort.clear();
    appendFileSync(file, `${JSON.stringify(medians)}\n`);
  });
}
