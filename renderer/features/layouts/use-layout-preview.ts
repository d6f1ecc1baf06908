// The live preview: the draft is rendered by main (the same code that sends), ~300 ms after the last
// keystroke; an older answer never replaces a newer one.
import { useDebouncedValue } from '@mantine/hooks';
import type { Input, Output } from '../../../shared/api';
import { useApi } from '../../lib/use-api';

export type PreviewDraft = Input<'layouts.preview'>;
export type PreviewResult = Output<'layouts.preview'>;

export function useLayoutPreview(draft: PreviewDraft, delayMs = 300) {
  const [key] = useDebouncedValue(JSON.stringify(draft), delayMs);
  const preview = useApi('layouts.preview', JSON.parse(key) as PreviewDraft, { live: false });
  return { result: preview.data ?? null, error: preview.error, loading: preview.loading };
}
