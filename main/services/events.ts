// The main process's event bus: runs and store changes fan out to every open screen (IPC or SSE).
import type { ApiEvent, ApiEvents, EventName } from '../../shared/api';

export interface EventBus {
  emit<K extends EventName>(name: K, payload: ApiEvents[K]): void;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<(event: ApiEvent) => void>();
  return {
    emit(name, payload) {
      for (const listener of listeners) {
        try {
          listener({ name, payload } as ApiEvent);
        } catch {
          // one broken subscriber must not stop the others
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
