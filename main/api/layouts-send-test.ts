// "Enviar teste": the draft rendered like a real notice (PDF attached) and sent to one address the
// office chooses, through a real account. Nothing is journaled: a test is not a notice.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { layoutSendTestSchema } from '../../shared/contract/layouts';
import { inlineImages } from '../services/inline-images';
import { noticeHeaders } from '../services/mail-headers';
import type { FailureKind } from '../services/mailer';
import type { ApiContext } from './context';
import { invalid, notFound } from './errors';
import { draftContext, problemsByField, renderDraft } from './layouts-preview';

const FAILURE_LABEL: Record<FailureKind, string> = {
  temporary: 'falha temporária no servidor de e-mail',
  permanent: 'o servidor de e-mail recusou a mensagem',
  unavailable: 'não foi possível falar com o servidor de e-mail',
  auth: 'o servidor de e-mail recusou o login',
  uncertain: 'o servidor de e-mail parou de responder no meio do envio',
};

export async function sendLayoutTest(
  ctx: ApiContext,
  input: z.output<typeof layoutSendTestSchema>,
): Promise<{ ok: boolean; message: string }> {
  const accounts = ctx.engine.store.settings().smtpAccounts;
  const account = input.smtpAccountId ? accounts.find((a) => a.id === input.smtpAccountId) : accounts[0];
  if (input.smtpAccountId && !account) throw notFound('Conta de e-mail');
  if (!account)
    throw invalid(
      { smtpAccountId: 'nenhuma conta de e-mail cadastrada: cadastre uma em Contas de e-mail' },
      'nenhuma conta de e-mail cadastrada: cadastre uma em Contas de e-mail',
    );

  const context = draftContext(ctx.engine, input);
  const rendered = renderDraft(input, context);
  // A broken layout is refused like Salvar refuses it: a test should show what customers would get.
  if (rendered.problems.length > 0) throw invalid(problemsByField(rendered.problems));

  let attachment;
  try {
    attachment = await ctx.engine.documents.invoicePdf(context);
  } catch (e) {
    return { ok: false, message: `não foi possível anexar o PDF da fatura: ${(e as Error).message}` };
  }

  const domain = account.fromAddress.split('@')[1] ?? 'regua.local';
  const { replyTo, headers } = noticeHeaders(account, context.company);
  const outcome = await ctx.engine.mailerFor(account.id).send({
    to: [input.to],
    subject: `[TESTE] ${rendered.subject}`,
    html: rendered.html,
    text: rendered.text,
    messageId: `<regua.test.${randomUUID()}@${domain}>`,
    attachments: [attachment],
    inline: await inlineImages(rendered.html, context),
    replyTo,
    headers,
  });
  const via = account.name || account.fromAddress;
  if (outcome.ok) {
    const reply = outcome.response ? ` (resposta do servidor: ${outcome.response})` : '';
    return { ok: true, message: `teste enviado para ${input.to} pela conta ${via}${reply}` };
  }
  return { ok: false, message: `${FAILURE_LABEL[outcome.kind]}: ${outcome.response}` };
}
