import { expect, it } from 'vitest';
import { PutToSecretBallot } from './schema.ts';

it('reads the console’s ballot form: key holders a line each make it an end-to-end ballot, none a plain one', () => {
  const parse = (fields: Record<string, string>) =>
    PutToSecretBallot.schema.parse(PutToSecretBallot.fromForm(fields));
  expect(parse({ motionId: 'm', weighted: '1' })).toEqual({
    mode: 'secret-ballot',
    weighted: true,
  });
  expect(
    parse({
      motionId: 'm',
      trustees: ' camden.secretary@example.org \r\n\r\nM1001\n',
      needed: '2',
    }),
  ).toEqual({
    mode: 'secret-ballot',
    weighted: false,
    trustees: ['camden.secretary@example.org', 'M1001'],
    needed: 2,
  });
  expect(() => parse({ motionId: 'm', trustees: 'only.one@example.org' })).toThrow();
});
