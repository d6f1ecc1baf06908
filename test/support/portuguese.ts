// What a message for the clerk must not look like: English phrases, stack traces, internal codes.
// A heuristic (it cannot prove Portuguese), tuned to what JavaScript, zod and Node print when a
// message was never written for people.
const ENGLISH =
  /\b(the|is|are|not|cannot|can't|expected|received|invalid|must|should|undefined|failed|error|unexpected|property|object|reading|function|too (big|small))\b/i;
const INTERNALS = /(\n\s+at |TypeError|RangeError|SyntaxError|ENOENT|EACCES|\[object Object\]|NaN\b)/;

/** Why `message` is not fit for the clerk, or null when it looks fine. */
export function clerkMessageProblem(message: unknown): string | null {
  if (typeof message !== 'string' || message.trim() === '') return 'mensagem vazia';
  if (INTERNALS.test(message)) return `detalhe interno: ${message}`;
  const english = ENGLISH.exec(message.replace(/"[^"]*"|'[^']*'|`[^`]*`/g, ''));
  if (english) return `inglês (${english[0]}): ${message}`;
  return null;
}
