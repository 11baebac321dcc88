// @fastify/auth: composes the verification steps behind `fastify.requireScope` (plugins/app/auth.ts).
// All steps must pass; the first failure answers.
import fastifyAuth from '@fastify/auth'

export const autoConfig = { defaultRelation: 'and' as const }

export default fastifyAuth
