/** The rows of the benchmark's register (bench/import.ts): the same in the file and the floor. */
const GIVEN = ['Isla', 'Farah', 'Yusuf', 'Ben', 'Zoë', 'Aled', 'Maya', 'Tom', 'Priya', 'Kofi'];
const FAMILY = ['Singh', 'Young', 'Zielinski', 'Mensah', 'Müller', 'Jones', 'Okafor', 'Lund'];

export const REGISTER_HEADER = 'Membership Number,Full Name,Email,Joined,Status';

export function registerRow(i: number) {
  return {
    number: `M${String(i).padStart(7, '0')}`,
    name: `${GIVEN[i % GIVEN.length]} ${FAMILY[(i * 7) % FAMILY.length]}`,
    email: `member${i}@example.org`,
    joined: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 9}`,
  };
}

export const registerLine = (i: number) => {
  const r = registerRow(i);
  return `${r.number},${r.name},${r.email},${r.joined},Active`;
};

/** Writes a register of `rows` members as CSV to `file`. */
export async function writeRegisterFile(file: string, rows: number) {
  const { createWriteStream } = await import('node:fs');
  const out = createWriteStream(file);
  let text = `${REGISTER_HEADER}\n`;
  for (let i = 0; i < rows; i++) {
    text += `${registerLine(i)}\n`;
    if (text.length > 1 << 20) {
      if (!out.write(text))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      text = '';
    }
  }
  out.end(text);
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}
