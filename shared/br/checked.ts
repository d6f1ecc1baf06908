// The answer every Brazilian validator gives: a normalized value, or a message for office staff.
// Validators never throw on user input, so a bad cell in a 50,000-line file is one report entry.
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export const valid = <T>(value: T): Checked<T> => ({ ok: true, value });
export const invalid = <T = never>(error: string): Checked<T> => ({ ok: false, error });
