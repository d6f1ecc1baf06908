// The company's time zone, in which every date and time on the screens is shown (not the browser's).
import { DEFAULT_TIMEZONE } from '../../shared/domain';
import { useApi } from './use-api';

export function useCompanyTimezone(): string {
  return useApi('app.info', {}, { live: false }).data?.timezone ?? DEFAULT_TIMEZONE;
}
