// A mistake in how `regua` was called: told in Portuguese with the usage, exit code 2.
export class UsageError extends Error {}
