/**
 * A process full of event-stream clients, for bench/live.ts: it opens one raw HTTP connection
 * per session token to the servers it is given (round robin), reads each meeting event stream
 * until its first event (the state on connecting), then reports that it is ready, and the
 * moment each client has received a `declared` event. It is started with an IPC channel.
 */
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

interface Orders {
  servers: { host: string; port: number }[];
  path: string;
  tokens: string[];
  /** The event whose arrival is timed. */
  event: string;
  timeoutMs: number;
}

const FIRST = Buffer.from('event: ');
const now = () => performance.timeOrigin + performance.now();
const send = (message: unknown) => process.send!(message);

process.once('message', (orders: Orders) => {
  void run(orders).catch((error: unknown) => {
    send({ error: String(error) });
  });
});

async function run(orders: Orders) {
  const sockets: Socket[] = [];
  const arrived: number[] = new Array<number>(orders.tokens.length).fill(0);
  let ready = 0;
  let received = 0;
  let failed = 0;
  let onAll: () => void = () => {};
  const needle = Buffer.from(`event: ${orders.event}`);
  const open = (i: number) =>
    new Promise<void>((resolve) => {
      const server = orders.servers[i % orders.servers.length]!;
      const socket = connect({ host: server.host, port: server.port });
      sockets.push(socket);
      let started = false;
      // The frames are small and written whole, but a chunk may still split one: look across
      // the boundary with the last few bytes of the chunk before.
      let tail: Buffer = Buffer.alloc(0);
      socket.setNoDelay(true);
      socket.on('connect', () => {
        socket.write(
          `GET ${orders.path} HTTP/1.1\r\nHost: ${server.host}:${server.port}\r\n` +
            `Cookie: seconded_session=${orders.tokens[i]}\r\nAccept: text/event-stream\r\n\r\n`,
        );
      });
      socket.on('data', (chunk: Buffer) => {
        const text = tail.length ? Buffer.concat([tail, chunk]) : chunk;
        if (!started && text.includes(FIRST)) {
          started = true;
          ready++;
          resolve();
        }
        if (!arrived[i] && text.includes(needle)) {
          arrived[i] = now();
          received++;
          if (received === orders.tokens.length) onAll();
        }
        tail = text.subarray(Math.max(0, text.length - needle.length));
      });
      socket.on('error', () => {
        if (!started) {
          failed++;
          resolve();
        }
      });
    });
  // Connect in waves, as a room fills: never more than 200 handshakes at once.
  for (let i = 0; i < orders.tokens.length; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, orders.tokens.length - i) }, (_, k) => open(i + k)),
    );
  }
  send({ ready, failed });
  await new Promise<void>((resolve) => {
    onAll = resolve;
    if (received === orders.tokens.length) resolve();
    setTimeout(resolve, orders.timeoutMs);
  });
  send({ arrived });
  for (const s of sockets) s.destroy();
  process.exit(0);
}
