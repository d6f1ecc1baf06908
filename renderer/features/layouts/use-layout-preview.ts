// The live preview: the draft is rendered by main (the same code that sends), ~300 ms after the last
// keystroke; an older answer never replaces a newer one.
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import type { Input, Output } from '../../../shared/api';
import { call } from '../../api';

export type PreviewDraft = Input<'layouts.preview'>;
export type PreviewResult = Output<'layouts.preview'>;

export function useLayoutPreview(draft: PreviewDraft, delayMs = 300) {
  const [key] = useDebouncedValue(JSON.stringify(draft), delayMs);
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    setLoading(true);
    call('layouts.preview', JSON.parse(key) as PreviewDraft)
      .then((value) => {
        if (ticket !== latest.current) return;
        setResult(value);
        setError(null);
      })
      .catch((e: unknown) => {
        if (ticket === latest.current) setError((e as Error).message);
      })
      .finally(() => {
        if (ticket === latest.current) setLoading(false);
      });
  }, [key]);

  return { result, error, loading };
}
