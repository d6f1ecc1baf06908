// The sending services speak in their own errors; the API hands them on as not_found / conflict.
import { ManualSendError } from '../../services/manual-send';
import { ApiFailure } from '../errors';

export async function asApiFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ManualSendError) throw new ApiFailure(e.code, e.message);
    throw e;
  }
}
