/**
 * The readers' side of the pages benchmark (bench/pages.ts), in a process of its own: each
 * client is one keep-alive HTTP/1.1 connection asking for the same page, one request at a time,
 * written by hand and read back by Content-Length as bench/http-clients.js does (Node's fetch
 * would cost more than the pages it measures). No Accept-Encoding: both servers send the page
 * as it is, so the figures compare rendering, not compression.
 *
 * Message in: { url, path, concurrency, seconds, cookie? } (cookie: a Cookie header's value,
 * for a signed-in reader). Message out: { ok, failed, seconds, bytes }
 * or { error }.
 */
import { Buffer } from 'node:buffer';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { URL } from 'node:url';

const HEAD_END = Buffer.from('\r\n\r\n');

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
    const response = { status: Number(head.slice(9, 12)), bytes: total - end - 4 };
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

async function run({ url, path, concurrency, seconds, cookie }) {
  const { hostname, port, host } = new URL(url);
  const request = `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${cookie ? `Cookie: ${cookie}\r\n` : ''}\r\n`;
  let ok = 0;
  let failed = 0;
  let bytes = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const connection = connect(hostname, Number(port));
      try {
        while (performance.now() < until) {
          const response = await connection.send(request);
          if (response.status === 200) {
            ok++;
            bytes = response.bytes;
          } else failed++;
        }
      } finally {
        connection.close();
      }
    }),
  );
  return { ok, failed, bytes, seconds: (performance.now() - start) / 1000 };
}

process.once('message', (job) => {
  run(job).then(
    (report) => process.send(report, () => process.exit(0)),
    (error) => process.send({ error: String(error) }, () => process.exit(1)),
  );
});
