// Loading data from the API in a component, refreshed when main says the store changed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Input, MethodName, Output } from '../../shared/api';
import { call, onEvent } from '../api';

export interface Query<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => Promise<void>;
}

export function useApi<K extends MethodName>(
  name: K,
  input: Input<K>,
  options: { live?: boolean } = {},
): Query<Output<K>> {
  const [data, setData] = useState<Output<K>>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(input);
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    setLoading(true);
    try {
      const value = await call(name, JSON.parse(key) as Input<K>);
      if (ticket === latest.current) {
        setData(value);
        setError(null);
      }
    } catch (e) {
      if (ticket === latest.current) setError((e as Error).message);
    } finally {
      if (ticket === latest.current) setLoading(false);
    }
  }, [name, key]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    if (options.live === false) return;
    const offStore = onEvent('store.changed', () => void reload());
    const offRun = onEvent('run.finished', () => void reload());
    return () => {
      offStore();
      offRun();
    };
  }, [reload, options.live]);
  return { data, error, loading, reload };
}
