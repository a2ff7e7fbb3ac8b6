/**
 * The voters' side of the ballot benchmark, in a process of its own (started by
 * bench/ballots.ts with fork): the server under test then has its process to itself, and what
 * the clients cost is as little as it can be on a machine whose cores the server shares.
 *
 * Each client is one keep-alive HTTP/1.1 connection sending one request at a time, written by
 * hand and read back by Content-Length (as wrk or autocannon do): Node's fetch spends several
 * times the server's own effort per request, which on two cores would be measured as the
 * server's slowness. Each request is still a complete, separate request with its own session
 * cookie; the server parses and answers it in full.
 *
 * Message in: { url, ballotId, tokens, concurrency, healthOnly, bodies?, path? }; with `bodies`
 * (one JSON text per token) each is posted to `path` instead of a plain vote, as an end-to-end
 * ballot's sealed votes are (bench/e2e-http.ts), and a 201 answer is a success. Message out:
 * { ok, refused, seconds } or { error }.
 */
import { Buffer } from 'node:buffer';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { URL } from 'node:url';

const CHOICES = [
  'for',
  'for',
  'for',
  'for',
  'for',
  'against',
  'against',
  'against',
  'abstain',
  'abstain',
];
const HEAD_END = Buffer.from('\r\n\r\n');

/** One keep-alive connection: `send(text)` writes a request and resolves with its response. */
function connect(host, port) {
  const socket = net.connect(port, host);
  socket.setNoDelay(true);
  let buffered = Buffer.alloc(0);
  let waiting = null;
  const fail = (error) => {
    const w = waiting;
    waiting = null;
    w?.reject(error);
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('the server closed the connection')));
  socket.on('data', (chunk) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    if (!waiting) return;
    const end = buffered.indexOf(HEAD_END);
    if (end < 0) return;
    const head = buffered.toString('latin1', 0, end);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) return fail(new Error(`a response without Content-Length: ${head}`));
    const total = end + 4 + Number(length[1]);
    if (buffered.length < total) return;
    const response = {
      status: Number(head.slice(9, 12)),
      body: buffered.toString('utf8', end + 4, total),
    };
    buffered = buffered.subarray(total);
    const w = waiting;
    waiting = null;
    w.resolve(response);
  });
  return {
    send: (text) =>
      new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        socket.write(text);
      }),
    close: () => socket.destroy(),
  };
}

async function run({ url, ballotId, tokens, concurrency, healthOnly, bodies, path }) {
  const { hostname, port, host } = new URL(url);
  let next = 0;
  let ok = 0;
  const refused = {};
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const connection = connect(hostname, Number(port));
      try {
        while (next < tokens.length) {
          const i = next++;
          let request;
          if (healthOnly) request = `GET /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`;
          else {
            const body = bodies ? bodies[i] : JSON.stringify({ choice: CHOICES[i % 10] });
            request =
              `POST ${path ?? `/api/v1/ballots/${ballotId}/votes`} HTTP/1.1\r\nHost: ${host}\r\n` +
              `Content-Type: application/json\r\nCookie: seconded_session=${tokens[i]}\r\n` +
              `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
          }
          const { status, body } = await connection.send(request);
          const answer = JSON.parse(body);
          if (healthOnly ? status === 200 : status === 201 && (answer.receipt || answer.tracker))
            ok++;
          else {
            const code = answer.error ?? `HTTP ${status}`;
            refused[code] = (refused[code] ?? 0) + 1;
          }
        }
      } finally {
        connection.close();
      }
    }),
  );
  return { ok, refused, seconds: (performance.now() - start) / 1000 };
}

process.once('message', (job) => {
  run(job).then(
    (report) => process.send(report, () => process.exit(0)),
    (error) => process.send({ error: String(error) }, () => process.exit(1)),
  );
});
