import { Writable } from 'node:stream';

/** A stream a command writes to in a test, and the text written so far. */
export function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}
