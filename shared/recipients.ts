// Whom a customer's notices go to: the valid addresses of the e-mail field, minus the ones a notice
// bounced from for good (caixa inexistente). The planner, manual sends and the screens ask this one place.
import type { BouncedEmail, Customer } from './domain';
import { parseEmailList } from './email-list';

export interface Recipients {
  /** Addresses a notice goes to. */
  valid: string[];
  /** What the field holds that is not an e-mail address. */
  invalid: string[];
  /** Addresses of the field that bounced for good, with why: skipped until edited. */
  bounced: BouncedEmail[];
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function recipientsOf(customer: Pick<Customer, 'email' | 'bouncedEmails'> | undefined): Recipients {
  const { valid, invalid } = parseEmailList(customer?.email);
  const marks = customer?.bouncedEmails ?? [];
  if (marks.length === 0) return { valid, invalid, bounced: [] };
  const bounced = marks.filter((m) => valid.some((v) => same(v, m.address)));
  return { valid: valid.filter((v) => !bounced.some((m) => same(v, m.address))), invalid, bounced };
}

/**
 * The marks a saved customer keeps: those of addresses still in its e-mail field, among the stored
 * ones (a save can lift a mark by leaving it out, never add one). `sent` undefined keeps them all.
 */
export function keptBounceMarks(
  stored: readonly BouncedEmail[] | null | undefined,
  email: string | null | undefined,
  sent?: readonly BouncedEmail[] | null,
): BouncedEmail[] | undefined {
  const { valid } = parseEmailList(email);
  const kept = (stored ?? []).filter(
    (m) =>
      valid.some((v) => same(v, m.address)) && (sent == null || sent.some((s) => same(s.address, m.address))),
  );
  return kept.length ? kept : undefined;
}

/** Adds a mark (or refreshes one for the same address). */
export function withBounceMark(
  marks: readonly BouncedEmail[] | null | undefined,
  mark: BouncedEmail,
): BouncedEmail[] {
  return [...(marks ?? []).filter((m) => !same(m.address, mark.address)), mark];
}
