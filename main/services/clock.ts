// The one source of "now". An offset clock lets the CLI and tests run as if on another day
// (`REGUA_NOW`) while timers still tick in real time.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function offsetClock(startAt: Date): Clock {
  const offset = startAt.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
