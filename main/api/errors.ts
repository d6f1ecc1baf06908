// Failures a handler reports on purpose, and the mapping of any error to the ApiResult envelope.
import { ZodError } from 'zod';
import type { ApiError, ApiErrorCode } from '../../shared/api';
import { LockTimeoutError } from '../services/locks';
import { RunError } from '../services/run-error';
import { DataFileCorruptError, StorageError } from '../services/storage-errors';

/** What the clerk reads when something unforeseen breaks: what to do, never the error's own text. */
export const UNEXPECTED_MESSAGE =
  'Algo deu errado no programa e a ação não foi concluída. Tente de novo; se continuar, feche e abra o programa.';

export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiFailure('not_found', `${what} não encontrado(a)`);
export const conflict = (message: string) => new ApiFailure('conflict', message);
/** A validation failure on named form fields. */
export const invalid = (fieldErrors: Record<string, string>, message?: string) =>
  new ApiFailure('validation', message ?? Object.values(fieldErrors)[0] ?? 'dados inválidos', fieldErrors);

export function fieldErrorsOf(error: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiFailure)
    return {
      code: error.code,
      message: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
    };
  if (error instanceof ZodError) {
    const fieldErrors = fieldErrorsOf(error);
    // The message is the first problem as a sentence; its field path travels in fieldErrors only.
    const message = Object.values(fieldErrors)[0] ?? 'dados inválidos';
    return { code: 'validation', message, fieldErrors };
  }
  if (error instanceof RunError || error instanceof LockTimeoutError)
    return { code: 'conflict', message: error.message };
  // Written for the clerk already (a full disk, a read-only folder, a damaged file).
  if (error instanceof StorageError || error instanceof DataFileCorruptError)
    return { code: 'storage', message: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: UNEXPECTED_MESSAGE, detail };
}
