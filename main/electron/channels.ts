// IPC channel names, written once for the main side and the preload.
export const callChannel = (method: string): string => `regua:call:${method}`;
export const EVENT_CHANNEL = 'regua:event';
