// Entry of a composition worker when Régua runs from its TypeScript sources (tsx, vitest, the bench):
// a worker thread is plain Node, so it registers tsx before loading compose-worker.ts. The bundles
// (the `regua` command, the desktop app) carry a compiled worker entry instead.
import { register } from 'tsx/esm/api';

register();
await import('./compose-worker.ts');
