// Glue between react-hook-form and the API: server field errors land beside their fields, and every
// save says so in a toast.
import { notifications } from '@mantine/notifications';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiCallError } from '../api';
import { TechnicalDetails } from './technical-details';

/** Puts an API failure's field errors on the form; returns the message when none matched a field. */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  prefix = '',
): string | null {
  if (!(error instanceof ApiCallError)) return (error as Error).message;
  const entries = Object.entries(error.fieldErrors);
  let placed = 0;
  for (const [path, message] of entries) {
    const field = prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
    if (field && field !== '_') {
      setError(field as Path<T>, { type: 'server', message });
      placed++;
    }
  }
  return placed > 0 ? null : error.message;
}

export const toastSaved = (message = 'Salvo com sucesso') =>
  notifications.show({ color: 'green', title: 'Pronto', message });

/** The failure in a toast; an unexpected error's own text only behind "Detalhes". */
export const toastError = (error: unknown) =>
  notifications.show({
    color: 'red',
    title: 'Não foi possível concluir',
    autoClose: error instanceof ApiCallError && error.error.detail ? false : undefined,
    message: (
      <>
        {(error as Error).message}
        {error instanceof ApiCallError && <TechnicalDetails detail={error.error.detail} />}
      </>
    ),
  });
