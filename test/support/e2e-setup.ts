// Loaded before every test file (vitest setupFiles): a test during which a page showed a clerk a
// forbidden message (an errno code, an SMTP reply, an id, "undefined", a stack frame…) fails, naming
// the message. The pages feed it through launchBrowser (see clerk-messages.ts).
import { afterEach } from 'vitest';
import { takeClerkMessageProblems } from './clerk-messages';

afterEach(() => {
  const problems = takeClerkMessageProblems();
  if (problems.length > 0)
    throw new Error(`mensagens impróprias para quem usa as telas:\n- ${problems.join('\n- ')}`);
});
