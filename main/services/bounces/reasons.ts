// What a bounce means for the office, in their words: "o e-mail maria@… não existe (caixa postal
// inexistente)". Only what is surely permanent (the mailbox or the domain does not exist, the mailbox
// was disabled) marks the address as invalid; a full mailbox or a spam refusal does not.
import type { BouncedRecipient } from './parse-bounce';

export interface BounceMeaning {
  reason: string;
  /** The address will not work again until someone changes it. */
  permanent: boolean;
}

const has = (text: string, re: RegExp) => re.test(text);

export function describeBounce(
  r: Pick<BouncedRecipient, 'address' | 'status' | 'diagnostic'>,
): BounceMeaning {
  const status = r.status ?? '';
  const text = r.diagnostic ?? '';
  const [cls, subject, detail] = status.split('.');
  const code = `${subject}.${detail}`;
  const a = r.address;
  const hard = cls === '5';

  if (
    (hard && ['1.1', '1.0', '1.3', '1.6'].includes(code)) ||
    (hard &&
      has(
        text,
        /user unknown|unknown user|no such (user|mailbox|recipient)|does not exist|doesn't exist|not exist|mailbox (unavailable|not found)|invalid (recipient|mailbox)|no mailbox here|inexistente|n[ãa]o existe/i,
      ))
  )
    return { reason: `o e-mail ${a} não existe (caixa postal inexistente)`, permanent: true };
  if (
    (hard && ['1.2', '1.10', '4.4'].includes(code)) ||
    has(
      text,
      /host (not found|unknown)|couldn't find any host|no such domain|domain (not found|does not exist)|name or service not known|null mx/i,
    )
  )
    return {
      reason: `o domínio de ${a} não existe ou não recebe e-mails (domínio inexistente)`,
      permanent: true,
    };
  if ((hard && code === '2.1') || has(text, /disabled|deactivated|inactive|suspended|desativad|bloqueada/i))
    return { reason: `a caixa postal de ${a} está desativada`, permanent: hard };
  if (
    code === '2.2' ||
    has(text, /quota|mailbox (is )?full|over ?quota|insufficient (storage|space)|caixa.*cheia/i)
  )
    return { reason: `a caixa postal de ${a} está cheia`, permanent: false };
  if (code === '3.4' || code === '2.3' || has(text, /too (large|big)|size limit|message size/i))
    return { reason: `a mensagem ficou grande demais para a caixa de ${a}`, permanent: false };
  if (
    subject === '7' ||
    has(
      text,
      /spam|blocked|block ?list|black ?list|policy|reputation|dmarc|\bspf\b|dkim|unauthenticated|not authorized/i,
    )
  )
    return {
      reason: `o servidor de ${a} recusou a mensagem como suspeita (confira SPF, DKIM e DMARC em Contas de e-mail)`,
      permanent: false,
    };
  if (code === '4.7' || has(text, /expired|timed? ?out|retry time|gave up|giving up/i))
    return {
      reason: `o servidor de ${a} não respondeu a tempo e a mensagem não foi entregue`,
      permanent: false,
    };
  if (hard) return { reason: `o servidor de ${a} recusou a mensagem`, permanent: false };
  return { reason: `a mensagem para ${a} não foi entregue`, permanent: false };
}
