export class RunError extends Error {}
