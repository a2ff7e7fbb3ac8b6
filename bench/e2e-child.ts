/**
 * One process of the end-to-end ballot benchmark (bench/e2e.ts): encrypts `count` for/against/
 * abstain ballots as voters' devices would, tells its parent it is ready, waits for "go", checks
 * every ballot as the server does (parsing them from JSON) and reports its wall and CPU time.
 */
import { checkBallot, encryptBallot, type EncryptedBallot } from '../src/domain/e2e/index.ts';

const [count, electionKey] = [Number(process.argv[2]), process.argv[3]!];
const openHash = 'ab'.repeat(32);
const shape = { choices: 3, min: 1, max: 1 };
const pseudonym = (i: number) => `voter${i}`.padEnd(22, '_');
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

let t = performance.now();
let c = cpu();
const wire: string[] = [];
for (let i = 0; i < count; i++) {
  const choice = [0, 1, 2].map((k) => (k === i % 3 ? 1 : 0));
  const ballot: EncryptedBallot = encryptBallot(
    openHash,
    electionKey,
    shape,
    pseudonym(i),
    choice,
  ).ballot;
  wire.push(JSON.stringify(ballot));
}
const encryptMs = performance.now() - t;
const encryptCpuMs = cpu() - c;
// The election key's fixed-base table is built once per key, as on a running server.
checkBallot(openHash, electionKey, shape, pseudonym(0), JSON.parse(wire[0]!));

process.send!({ ready: true });
process.once('message', () => {
  t = performance.now();
  c = cpu();
  wire.forEach((json, i) =>
    checkBallot(openHash, electionKey, shape, pseudonym(i), JSON.parse(json)),
  );
  process.send!({ checkMs: performance.now() - t, checkCpuMs: cpu() - c, encryptMs, encryptCpuMs });
  process.disconnect();
});
