import * as z from 'zod';

/** One bad field of a 400 VALIDATION_FAILED (api.md "Conventions"). */
export const fieldProblem = z
  .object({ path: z.string(), message: z.string() })
  .meta({ id: 'FieldProblem', description: 'One bad field: where it is and what is wrong with it' });

/**
 * The contract's error body (api.md "Conventions") with the codes one answer may carry, so a client
 * can switch on `code`; every non-2xx answer has this shape.
 */
export const errorBodyWith = (codes: readonly [string, ...string[]]) =>
  z.object({
    error: z.object({
      code: z.enum(codes).meta({ description: 'Stable code to switch on' }),
      message: z.string().meta({ description: 'A sentence for people; never parse it' }),
      details: z.array(fieldProblem).optional().meta({
        description:
          'VALIDATION_FAILED: one entry per bad field. REMINDER_TOO_SOON: one entry { path: "retryAfter", message: <ISO-8601 UTC time from which a reminder may be sent> }',
      }),
      requestId: z.string(),
      support: z.string().meta({ description: 'Where to ask for help, quoting the requestId' }),
    }),
  });

/** `?limit=&cursor=` on every list (1–100, default 25; cursor opaque and tenant-bound). */
export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
});

/** A list answer: a page of `item` and where the next one starts (null on the last page). */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Every instant the API answers: ISO-8601 in UTC, as `Date.prototype.toISOString` writes it. */
export const timestamp = z.iso.datetime();

/** A number of things: a whole number, never negative. */
export const count = z.number().int().min(0);

/**
 * What every piece of work a request hands to a worker answers (a single profile share, a staff
 * share): its id, where it stands (`queued` until the worker is done, then one of `later`), and
 * when it was asked for.
 */
export const queuedWork = <const S extends readonly [string, ...string[]]>(...later: S) => ({
  id: z.string(),
  status: z.enum(['queued', ...later]),
  requestedAt: timestamp,
});

/*
 * Free text (names, descriptions, references, messages, labels) is shown to people, put into PDFs,
 * emails and file names. Control characters (Unicode category Cc: C0, DEL and C1) have no business
 * there and a lone UTF-16 surrogate is not text at all (it cannot be encoded as UTF-8), so both are
 * refused with 400. The rule is a regular expression on purpose: the OpenAPI document publishes it
 * as the field's `pattern`, so a client checks exactly what the server checks. Written for engines
 * with or without the `u` flag: a surrogate pair is one code point in the first alternative under
 * `u`, and matched by the second alternative without it; an unpaired surrogate matches neither.
 */
const notControlOrSurrogate = String.raw`[^\u0000-\u001F\u007F-\u009F\uD800-\uDFFF]`;
const surrogatePair = String.raw`[\uD800-\uDBFF][\uDC00-\uDFFF]`;
/** One line of text: no control character at all (tab and line breaks included). */
export const singleLineText = new RegExp(`^(?:${notControlOrSurrogate}|${surrogatePair})*$`);
/**
 * Several lines of text, for fields people write as paragraphs (the personal message of an
 * invitation, a profile's summary): tab, LF and CR are allowed (CRLF is how many forms send line
 * breaks), every other control character is not. The text is always escaped when shown, and never
 * goes into an email header.
 */
export const multiLineText = new RegExp(`^(?:${notControlOrSurrogate}|[\\t\\n\\r]|${surrogatePair})*$`);

/**
 * A free-text field, trimmed by default. `multiline` allows tab and line breaks (see above).
 */
export function freeText(options: { max: number; min?: number; trim?: boolean; multiline?: boolean }) {
  const base = options.trim === false ? z.string() : z.string().trim();
  return base
    .min(options.min ?? 0)
    .max(options.max)
    .regex(
      options.multiline ? multiLineText : singleLineText,
      options.multiline
        ? 'must not contain control characters (other than tab and line breaks) or unpaired surrogates'
        : 'must not contain control characters (line breaks and tabs included) or unpaired surrogates',
    );
}

export const healthBody = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
