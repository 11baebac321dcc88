// Reading upstream answers: the shape is checked (compiled TypeBox schemas) before any field is read, and
// fields copied out only when they have a value.

import type { Static, TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { UpstreamResponseError } from '../resilience/index.js'

/** A checker for one answer shape; a mismatch is UpstreamResponseError naming the service. */
export function answerReader<S extends TSchema> (schema: S, service: string): (value: unknown) => Static<S> {
  const validator = Compile(schema)
  return (value) => {
    if (!validator.Check(value)) throw new UpstreamResponseError(`${service} answered with an unexpected shape`)
    return value
  }
}

// Upstream APIs send null for values they lack; a missing value must stay missing, never become 0, and
// results never carry `undefined` or `null` placeholders.
export function defined<T extends object> (target: T, fields: { [K in keyof T]?: T[K] | null | undefined }): T {
  return Object.assign(target, Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null)))
}
