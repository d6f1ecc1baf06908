import type { SmtpAccount } from '../../../shared/domain';

export const SECURITY_OPTIONS: { value: SmtpAccount['security']; label: string }[] = [
  { value: 'none', label: 'Nenhuma' },
  { value: 'starttls', label: 'STARTTLS' },
  { value: 'tls', label: 'TLS' },
];

export const securityLabel = (security: SmtpAccount['security']) =>
  SECURITY_OPTIONS.find((o) => o.value === security)?.label ?? security;
