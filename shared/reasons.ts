// Why a notice was not sent: every skip carries one of these, so "why didn't Maria get her e-mail?"
// always has an answer.
export const SKIP_REASONS = {
  already_sent: 'já enviado anteriormente',
  already_failed: 'envio anterior falhou de forma permanente (use Reenviar)',
  already_bounced: 'o e-mail anterior voltou sem ser entregue (corrija o e-mail do cliente e use Reenviar)',
  uncertain: 'envio anterior interrompido sem confirmação do servidor (verifique e use Reenviar)',
  invoice_paid: 'fatura paga',
  invoice_cancelled: 'fatura cancelada',
  billing_method_inactive: 'forma de cobrança inativa',
  rule_inactive: 'regra de envio inativa',
  rule_removed: 'regra de envio removida',
  invoice_not_found: 'fatura não encontrada',
  due_date_changed: 'vencimento alterado (a notificação foi rearmada para a nova data)',
  customer_not_found: 'cliente não encontrado',
  customer_inactive: 'cliente inativo',
  customer_opted_out: 'cliente optou por não receber e-mails',
  customer_no_email: 'cliente sem e-mail',
  customer_invalid_email: 'e-mail do cliente inválido',
  customer_email_bounced:
    'e-mail inválido: caixa inexistente (um aviso anterior voltou); corrija o e-mail do cliente em Clientes',
  due_date_passed: 'aviso antes do vencimento perdido: o vencimento já chegou',
  no_payment_means:
    'sem meio de pagamento: a fatura não tem linha digitável, PIX nem PDF próprio (cadastre um deles e envie por Faturas)',
  payments_stale:
    'retido: os pagamentos desta forma de cobrança estão desatualizados e o aviso de atraso poderia ir para quem já pagou; sai quando chegar um retorno ou em Liberar envio',
  outside_catch_up_window:
    'fora da janela de recuperação: o dia do aviso passou enquanto nenhuma execução rodava, há mais dias do que a rotina recupera (envie por Faturas se ainda fizer sentido)',
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;

/**
 * Reasons that describe the ordinary life of an invoice; runs count them but do not journal each one.
 * `invoice_paid` is not one of them: a paid invoice's notice is journaled once, by the run whose window
 * holds its reference date, so the history says why the notice did not go ("fatura paga").
 */
export const ROUTINE_SKIPS: ReadonlySet<SkipReason> = new Set<SkipReason>([
  'already_sent',
  'already_failed',
  'already_bounced',
  'uncertain',
  'invoice_cancelled',
  'billing_method_inactive',
  'rule_inactive',
]);

/** A held notice is not consumed: it stays `pending` in the ledger and every run judges it again. */
export const HELD_REASONS: ReadonlySet<SkipReason> = new Set<SkipReason>(['payments_stale']);
