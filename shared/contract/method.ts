import { z } from 'zod';

/** A contract entry: the input schema, and the result type carried as a phantom. */
export interface Method<I extends z.ZodType, O> {
  input: I;
  output?: O;
}

export const method =
  <O>() =>
  <I extends z.ZodType>(input: I): Method<I, O> => ({ input });

export const noInput = z.strictObject({});
export const byId = z.strictObject({ id: z.string().min(1, 'informe o identificador') });

export const pageInput = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
  search: z.string().trim().max(200).default(''),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
