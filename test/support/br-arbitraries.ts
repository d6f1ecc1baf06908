// fast-check generators of the Brazilian values the property tests feed the imports with: valid CPF
// and CNPJ (check digits computed here, independently of the code under test), names with accents
// and HTML's special characters, e-mails, dates, amounts, and one-character corruptions of each.
// The seed every property test uses comes from REGUA_PROPERTY_SEED (printed, so a failure replays).
import fc from 'fast-check';

/** The seed of a property test file: REGUA_PROPERTY_SEED replays one, printed under the file's name. */
export function propertySeed(file: string): number {
  const seed = Number(process.env.REGUA_PROPERTY_SEED ?? Date.now() % 1_000_000);
  console.log(`${file}: REGUA_PROPERTY_SEED=${seed}`);
  return seed;
}

/** How many runs a property gets: REGUA_PROPERTY_RUNS overrides the file's default. */
export const propertyRuns = (fallback: number) => Number(process.env.REGUA_PROPERTY_RUNS ?? fallback);

const checkDigit = (digits: number[], weights: number[]) => {
  const sum = digits.reduce((acc, d, i) => acc + d * weights[i]!, 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
};

export function cpfFrom(base: number[]): string {
  const d1 = checkDigit(base, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const d2 = checkDigit([...base, d1], [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return [...base, d1, d2].join('');
}

export function cnpjFrom(base: number[]): string {
  const w1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
  const d1 = checkDigit(base, w1);
  const d2 = checkDigit([...base, d1], [6, ...w1]);
  return [...base, d1, d2].join('');
}

const notAllEqual = (digits: number[]) => digits.some((d) => d !== digits[0]);

/** 11 bare digits of a valid CPF. */
export const cpf = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
  .filter(notAllEqual)
  .map(cpfFrom);
/** 14 bare digits of a valid (numeric) CNPJ. */
export const cnpj = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }),
    // Old CNPJs start with zeros (Banco do Brasil's is 00.000.000/0001-91): a spreadsheet drops them.
    fc.constantFrom(0, 0, 0, 2, 3, 4, 5, 8),
  )
  .map(([digits, zeros]) => [...Array<number>(zeros).fill(0), ...digits.slice(zeros)])
  .filter(notAllEqual)
  .map(cnpjFrom);

export const formatCpf = (d: string) => `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
export const formatCnpj = (d: string) =>
  `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`;

/** A valid CPF or CNPJ as offices type it: bare digits or punctuated. */
export const taxId = fc.oneof(
  fc.tuple(cpf, fc.boolean()).map(([d, p]) => (p ? formatCpf(d) : d)),
  fc.tuple(cnpj, fc.boolean()).map(([d, p]) => (p ? formatCnpj(d) : d)),
);

/** The same tax id with its last check digit changed: never valid. */
export const corruptTaxId = (id: string) => id.slice(0, -1) + String((Number(id.at(-1)) + 1) % 10);

const WORDS = [
  'José',
  'Conceição',
  'João',
  'Ângela',
  'Müller',
  'Sebastião',
  'Irmãos',
  'Ltda',
  'Provedor',
  "D'Ávila",
  'Cia & Filhos',
  '<b>Oi</b>',
  'A "Rede"',
  'Açaí',
  'Gonçalves',
  'Ñandú',
  'Øster',
  '1º',
  'Ana',
  'Silva',
  // Windows-1252 has these where Latin-1 has control codes (0x80–0x9F).
  'D’Ávila',
  '“Fibra”',
  'Ação – Cia',
];

/** A person's or company's name: accents, `<&'"`, no leading or trailing spaces. */
export const personName = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 })
  .map((w) => w.join(' '));

export const email = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/),
    fc.constantFrom('cliente.example', 'provedor.com.br', 'mail.example'),
  )
  .map(([user, domain]) => `${user}@${domain}`);

export const BAD_EMAILS = ['maria@', 'maria.cliente.example', 'maria @cliente.example', '@cliente.example'];

/** A calendar date aaaa-mm-dd between 2000 and 2035 (boletos' due-factor window). */
export const isoDate = fc
  .date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Amounts as ISPs bill them: up to R$ 99.999,99, in cents. */
export const amountCents = fc.integer({ min: 1, max: 9_999_999 });

/** A record id as ERPs print them: letters, digits, dashes. */
export const recordId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,11}$/);

/** A unique-by-key array. */
export const uniqueBy = <T>(arb: fc.Arbitrary<T>, key: (t: T) => string, maxLength: number) =>
  fc.uniqueArray(arb, { selector: key, maxLength, comparator: 'SameValueZero' });

/** One digit of `text` (not its punctuation) changed: check digits then no longer match. */
export const changeOneDigit = (text: string, pick: number): string => {
  const positions = [...text].flatMap((c, i) => (/\d/.test(c) ? [i] : []));
  const at = positions[pick % positions.length]!;
  return text.slice(0, at) + String((Number(text[at]) + 1 + (pick % 8)) % 10) + text.slice(at + 1);
};
