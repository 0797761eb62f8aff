import * as z from 'zod/mini';
import type { QueueId } from './queues.ts';

/**
 * A message owed to a queue: where it goes and its body, already checked against its schema. The
 * domain hands these to its stores together with the work that owes them, and the store records
 * them in the outbox in the same transaction; the outbox relay sends them (design.md, "Outbox").
 */
export interface OutgoingMessage<Q extends QueueId = QueueId, Body = unknown> {
  readonly queue: Q;
  readonly body: Body;
}

/**
 * The field types most messages are made of, written once: an id, a name or a key is a non-empty
 * string, and a language a tag of two letters at least (the renderer resolves it, falling back to
 * English).
 */
export const nonEmpty = z.string().check(z.minLength(1));
export const languageTag = z.string().check(z.minLength(2));

/** The envelope every message carries: a version and a type, so consumers can tell them apart. */
type Envelope<Type extends string, V extends number> = {
  v: z.ZodMiniLiteral<V>;
  type: z.ZodMiniLiteral<Type>;
};

/**
 * One message type: its schema (envelope included) and its producer, bound to the one queue it
 * travels on. The producer writes the envelope and parses the whole message before anything records
 * or sends it, so a malformed message fails where it is made, not in a worker minutes later.
 */
export function messageType<
  const Q extends QueueId,
  const Type extends string,
  const V extends number,
  const Shape extends z.core.$ZodLooseShape,
>(definition: { queue: Q; type: Type; v: V; shape: Shape }) {
  const { queue, type, v, shape } = definition;
  const envelope: Envelope<Type, V> = { v: z.literal(v), type: z.literal(type) };
  const schema = z.object({ ...envelope, ...shape });
  type Schema = typeof schema;
  return {
    queue,
    type,
    schema,
    /** Builds and checks the message (throws a ZodError if it does not match its schema). */
    produce(content: Omit<z.input<Schema>, 'v' | 'type'>): OutgoingMessage<Q, z.output<Schema>> {
      return { queue, body: schema.parse({ ...content, v, type }) };
    },
  };
}
