// What an SMTP or network failure means, in words a clerk acts on: what happened and what to do
// ("O servidor smtp.provedor.com.br não respondeu na porta 587. Verifique…"). The server's own reply
// and the error codes go to `detail`, shown only behind "Detalhes" and kept in the ledger's
// smtpResponse for whoever supports the office. Testar conexão, Enviar teste, runs, manual sends
// and the history all word failures through here.

/** The fields nodemailer puts on its errors (and the socket errors it wraps). */
export interface SmtpErrorFields {
  message?: string;
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  timeoutType?: string;
  reason?: string;
  rejected?: unknown;
}

/** The server the message was for, as the account names it. */
export interface SmtpServerInfo {
  host: string;
  port: number;
  fromAddress: string;
  /** The program's own capture server (modo de teste): no host or port the clerk typed. */
  testMode?: boolean;
}

export interface ExplainedFailure {
  /** For the clerk: what happened and what to do, in Portuguese, without codes. */
  message: string;
  /** For support: the server's reply or the system error, with its codes. */
  detail: string;
}

const DNS = new Set(['EDNS', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EHOSTDOWN', 'ENETDOWN']);
const CONNECT_TIMEOUTS = new Set(['CONNECTION_TIMEOUT', 'GREETING_TIMEOUT', 'DNS_TIMEOUT']);
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);
const DROPPED = new Set(['ECONNECTION', 'ECONNRESET', 'EPIPE', 'ESOCKET', 'ETIMEDOUT', 'EPROTOCOL']);

/** The system error and the server reply, codes included, as support wants to see them. */
export function technicalDetail(error: SmtpErrorFields): string {
  const codes = [error.code, error.originalCode].filter(Boolean).join('/');
  const text = (error.response || error.message || '').trim();
  const command = error.command ? ` (comando ${error.command})` : '';
  return [codes, text].filter(Boolean).join(': ') + command || 'sem detalhes do servidor';
}

function recipientsOf(error: SmtpErrorFields): string[] {
  return Array.isArray(error.rejected) ? error.rejected.map(String) : [];
}

/** Words a failure the way a clerk can act on it. */
export function explainSmtpError(error: SmtpErrorFields, server: SmtpServerInfo): ExplainedFailure {
  return { message: clerkMessage(error, server), detail: technicalDetail(error) };
}

function clerkMessage(error: SmtpErrorFields, server: SmtpServerInfo): string {
  const { host, port } = server;
  const it = server.testMode ? 'A caixa de entrada do modo de teste' : `O servidor ${host}`;
  const codes = new Set([error.code, error.originalCode].filter((c): c is string => !!c));
  const has = (set: ReadonlySet<string>) => [...codes].some((c) => set.has(c));
  const reply = error.responseCode;
  const command = (error.command ?? '').toUpperCase();
  const text = `${error.response ?? ''} ${error.message ?? ''} ${error.reason ?? ''}`.toLowerCase();

  if (server.testMode && !reply)
    return `${it} não respondeu. Feche e abra o programa de novo; se continuar, desative e ative o modo de teste em Contas de e-mail.`;

  // Login
  if (error.code === 'ENOAUTH' || (reply === 530 && !command.startsWith('AUTH')))
    return `${it} exige login: informe o usuário e a senha da conta em Contas de e-mail.`;
  if (error.code === 'EAUTH' || command.startsWith('AUTH')) {
    if (reply === 534 || /app.?password|application.?specific|web browser/.test(text))
      return `${it} recusou o login: esta conta exige uma senha de app (Gmail, Outlook e Yahoo pedem). Crie uma na sua conta de e-mail e use-a como senha.`;
    return `${it} recusou o usuário ou a senha. Confira os dois em Contas de e-mail (no Gmail e no Outlook, use uma senha de app).`;
  }

  // Reaching the server
  if (has(DNS))
    return `O endereço do servidor ${host} não foi encontrado. Verifique se o nome do servidor está escrito certo, ou se a internet está funcionando.`;
  if (codes.has('ECONNREFUSED'))
    return `${it} recusou a conexão na porta ${port}. Verifique o endereço e a porta do servidor (geralmente 587 ou 465).`;
  if (
    has(UNREACHABLE) ||
    CONNECT_TIMEOUTS.has(error.timeoutType ?? '') ||
    (codes.has('ETIMEDOUT') && command === 'CONN')
  )
    return `${it} não respondeu na porta ${port}. Verifique o endereço e a porta, ou se a internet está funcionando.`;

  // Secure connection
  if (codes.has('ERR_SSL_WRONG_VERSION_NUMBER') || /wrong version number/.test(text))
    return `A conexão segura com ${host} falhou: a porta ${port} não usa TLS direto. Em Segurança, escolha STARTTLS para a porta 587, ou use a porta 465 com TLS.`;
  if (error.code === 'ETLS' && command === 'STARTTLS')
    return `${it} não oferece conexão segura (STARTTLS) na porta ${port}. Verifique a porta e a opção Segurança da conta.`;
  if (has(UNTRUSTED_CERTIFICATE) || /self[- ]signed/.test(text))
    return `O certificado de segurança de ${host} não é de uma autoridade reconhecida. Se o servidor é da própria empresa, marque "Aceitar certificado autoassinado" na conta; senão, fale com o provedor do e-mail.`;
  if (codes.has('CERT_HAS_EXPIRED'))
    return `O certificado de segurança de ${host} está vencido. Fale com o provedor do e-mail.`;
  if (codes.has('ERR_TLS_CERT_ALTNAME_INVALID'))
    return `O certificado de segurança não é de ${host}. Use o nome do servidor que o provedor do e-mail indica.`;
  if (error.code === 'ETLS' || error.timeoutType === 'TLS_TIMEOUT')
    return `A conexão segura com ${host} na porta ${port} não se completou. Verifique a porta e a opção Segurança da conta.`;

  // The server's answers
  if (reply === 421)
    return `${it} está indisponível no momento e encerrou a conexão. Tente de novo em alguns minutos.`;
  if (reply !== undefined && reply >= 500 && ['CONN', 'EHLO', 'HELO', ''].includes(command))
    return `${it} recusou a conexão deste computador. Fale com o provedor do e-mail.`;
  if (reply !== undefined && reply >= 500 && command.startsWith('MAIL'))
    return `${it} não aceita enviar como ${server.fromAddress}. Use como e-mail do remetente um endereço da própria conta.`;
  if (reply !== undefined && reply >= 500 && command.startsWith('RCPT')) {
    const who = recipientsOf(error);
    const address = who.length ? `o endereço ${who.join(', ')}` : 'o endereço do destinatário';
    return `${it} recusou ${address}: ele não existe ou não recebe e-mails. Corrija o e-mail do cliente.`;
  }
  if (reply === 552 || /message size|too (big|large)/.test(text))
    return `${it} recusou a mensagem por ser grande demais (o PDF anexo, provavelmente).`;
  if (reply !== undefined && reply >= 400 && reply < 500)
    return `${it} recusou o e-mail por enquanto (limite de envios, caixa cheia ou verificação em andamento). Ele pode ser tentado de novo mais tarde.`;
  if (reply !== undefined && reply >= 500)
    return `${it} recusou a mensagem (pode tê-la considerado spam ou fora das regras dele). Veja os detalhes e fale com o provedor do e-mail.`;

  // A conversation that broke without an answer
  if (has(DROPPED)) return droppedMidSend(server);
  return `${it} não aceitou o envio. Veja os detalhes e, se continuar, fale com o provedor do e-mail.`;
}

/**
 * A message whose conversation broke after it began (silent after DATA, connection dropped): the
 * server may have it. Nodemailer reports a silent server as a CONN timeout, so the stage the
 * conversation had reached, not the error code, decides this wording.
 */
export function droppedMidSend(server: SmtpServerInfo): string {
  const it = server.testMode ? 'A caixa de entrada do modo de teste' : `O servidor ${server.host}`;
  return `${it} parou de responder no meio do envio; ele pode ter recebido a mensagem.`;
}

/** "o endereço x foi recusado" for a message that reached some recipients and not others. */
export function partlyRejected(rejected: readonly string[]): string {
  return rejected.length === 1
    ? `O servidor recusou o endereço ${rejected[0]}; os demais receberam.`
    : `O servidor recusou os endereços ${rejected.join(', ')}; os demais receberam.`;
}
