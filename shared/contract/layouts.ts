import { z } from 'zod';
import { emailAddress, emailLayoutSchema, isoDate } from '../domain';
import type { LayoutEntry, RenderedEmail } from '../records';
import { byId, method, noInput } from './method';

const draft = z.strictObject({
  subject: z.string().max(500),
  html: z.string().max(200_000),
  /** Render with this real invoice; sample data when absent. */
  invoiceId: z.string().nullish(),
  runDate: isoDate.nullish(),
});

export const layoutsContract = {
  'layouts.list': method<LayoutEntry[]>()(noInput),
  /** Refused with fieldErrors.subject / fieldErrors.html naming an unknown variable or a syntax error. */
  'layouts.save': method<LayoutEntry>()(emailLayoutSchema),
  'layouts.restore': method<LayoutEntry>()(byId),
  'layouts.remove': method<void>()(byId),
  'layouts.preview': method<RenderedEmail & { problems: { field: 'subject' | 'html'; message: string }[] }>()(
    draft,
  ),
  'layouts.sendTest': method<{ ok: boolean; message: string }>()(
    draft.extend({ to: emailAddress, smtpAccountId: z.string().nullish() }),
  ),
};
