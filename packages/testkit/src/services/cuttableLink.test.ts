import { connect, createServer, type Server, type Socket } from 'node:net';
import { startCuttableLink, type CuttableLink } from './cuttableLink';

// An echo server behind the link: what a client sees while the link is up, cut and restored.
let echo: Server;
let link: CuttableLink;
beforeAll(async () => {
  // The echo side of a cut connection is reset too: its error is expected, not a test failure.
  echo = createServer((s) => s.on('error', () => undefined).pipe(s));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
  link = await startCuttableLink({ host: '127.0.0.1', port: (echo.address() as { port: number }).port });
});
afterAll(async () => {
  await link.close();
  await new Promise((r) => echo.close(r));
});

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(link.port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}
function roundTrip(s: Socket, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    s.once('data', (d) => resolve(d.toString()));
    s.once('error', reject);
    s.once('close', () => reject(new Error('closed')));
    s.write(text);
  });
}
const ended = (s: Socket) => new Promise<string>((resolve) => { s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message)); s.once('close', () => resolve('closed')); });

it('relays while up, resets open and new connections while cut, relays again once restored', async () => {
  const first = await open();
  expect(await roundTrip(first, 'hello')).toBe('hello');
  const firstEnded = ended(first);
  link.cut();
  expect(await firstEnded).toBe('ECONNRESET');
  // Reset as it arrives (the reset may beat the connect callback).
  const during = connect(link.port, '127.0.0.1');
  expect(await ended(during)).toBe('ECONNRESET');
  link.restore();
  const after = await open();
  expect(await roundTrip(after, 'again')).toBe('again');
  after.destroy();
  expect(link.accepted).toBe(3);
});
