import { z } from 'zod';
import { emailAddress, emailLayoutSchema, entityId, isoDate } from '../domain';
import type { LayoutEntry, LayoutProblem, RenderedEmail } from '../records';
import type { MailCheck } from './mail';
import { byId, method, noInput } from './method';

/** What the editor sends to see a layout rendered (or to send it as a test): not saved. */
export const layoutDraftSchema = z.strictObject({
  subject: z.string().max(500),
  html: z.string().max(200_000),
  /** Render with this real invoice; sample data when absent. */
  invoiceId: z.string().nullish(),
  /** The send date the variables are computed for (dias de atraso…); today when absent. */
  runDate: isoDate.nullish(),
});

/** A layout as the editor saves it; without `id` it is a new layout and main picks the id. */
export const layoutSaveSchema = emailLayoutSchema.extend({ id: entityId.nullish() });

export const layoutSendTestSchema = layoutDraftSchema.extend({
  to: emailAddress,
  /** The account to send through; the first registered one when absent. */
  smtpAccountId: z.string().nullish(),
});

export type LayoutPreview = RenderedEmail & { problems: LayoutProblem[] };

/** A layout in the list, with its subject as a customer reads it (sample invoice, the company's data). */
export type LayoutListEntry = LayoutEntry & { subjectExample: string };

export const layoutsContract = {
  'layouts.list': method<LayoutListEntry[]>()(noInput),
  /** Refused with fieldErrors.subject / fieldErrors.html naming an unknown variable or a syntax error. */
  'layouts.save': method<LayoutEntry>()(layoutSaveSchema),
  /** Pre-registered layouts only: drops the edited copy and returns the default. */
  'layouts.restore': method<LayoutEntry>()(byId),
  /** Own layouts only; refused (conflict) while a send rule uses it. */
  'layouts.remove': method<void>()(byId),
  /** Never fails on a bad draft: renders what it can and lists the problems. */
  'layouts.preview': method<LayoutPreview>()(layoutDraftSchema),
  /** Subject prefixed "[TESTE] ", invoice PDF attached; SMTP failures come back as ok: false. */
  'layouts.sendTest': method<MailCheck>()(layoutSendTestSchema),
};
