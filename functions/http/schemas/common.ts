import * as z from 'zod';

/** The contract's error body (api.md "Conventions"); every non-2xx answer has this shape. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      requestId: z.string(),
      support: z.string(),
    }),
  })
  .meta({ id: 'Error' });

/** `?limit=&cursor=` on every list (1–100, default 25; cursor opaque and tenant-bound). */
export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const healthBody = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
