// Headers every notice carries beyond From/To/Subject: Reply-To the office (unless the account names
// its own), and List-Unsubscribe pointing at the office's mailbox, which mail providers ask bulk
// senders for and show as "cancelar inscrição". The office honours it by marking the customer
// "não recebe e-mails" (Clientes), which the planner and manual sends already respect.
import type { Company, SmtpAccount } from '../../shared/domain';

export interface NoticeHeaders {
  replyTo: string | undefined;
  headers: Record<string, string>;
}

export function noticeHeaders(
  account: Pick<SmtpAccount, 'replyTo' | 'fromAddress'>,
  company: Pick<Company, 'email'> | null,
): NoticeHeaders {
  const replyTo = account.replyTo || company?.email || undefined;
  const mailbox = company?.email || account.replyTo || account.fromAddress;
  return {
    replyTo,
    headers: { 'List-Unsubscribe': `<mailto:${mailbox}?subject=Descadastrar>` },
  };
}
