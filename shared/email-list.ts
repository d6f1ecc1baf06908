// A customer's e-mail field holds one or more addresses separated by "," or ";".
const ADDRESS =
  /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export interface EmailList {
  valid: string[];
  invalid: string[];
}

export function parseEmailList(value: string | null | undefined): EmailList {
  // One address, the usual case, without the garbage of splitting: the planner asks for every notice.
  if (value && value.indexOf(',') < 0 && value.indexOf(';') < 0) {
    const address = value.trim();
    if (address === '') return { valid: [], invalid: [] };
    return ADDRESS.test(address) ? { valid: [address], invalid: [] } : { valid: [], invalid: [address] };
  }
  const parts = (value ?? '')
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  // The same mailbox written twice in different case must not get the notice twice.
  const byMailbox = new Map(parts.filter((s) => ADDRESS.test(s)).map((s) => [s.toLowerCase(), s]));
  const valid = [...byMailbox.values()];
  return { valid, invalid: parts.filter((s) => !ADDRESS.test(s)) };
}
