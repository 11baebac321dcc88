// Load shedding (DESIGN.md 7.1): past the event-loop delay or heap thresholds every request gets 503
// with Retry-After in the one error shape, before the process collapses. /health and /metrics still
// answer, so a busy instance is taken out of rotation through /ready rather than restarted by its
// liveness probe, and stays observable.
import { getHeapStatistics } from 'node:v8'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ServiceUnavailableError } from '../../lib/errors/catalogue.js'

const RETRY_AFTER_SECONDS = 5
const EXEMPT_ROUTES = new Set(['/health', '/metrics'])

export const autoConfig = (fastify: FastifyInstance) => ({
  sampleInterval: fastify.config.PRESSURE_SAMPLE_INTERVAL_MS,
  maxEventLoopDelay: fastify.config.PRESSURE_MAX_EVENT_LOOP_DELAY_MS,
  maxHeapUsedBytes: Math.floor(fastify.config.PRESSURE_MAX_HEAP_USED_RATIO * getHeapStatistics().heap_size_limit),
  retryAfter: RETRY_AFTER_SECONDS,
  async pressureHandler (request: FastifyRequest, _reply: unknown, type: string, value: number | undefined): Promise<void> {
    if (request.routeOptions.url !== undefined && EXEMPT_ROUTES.has(request.routeOptions.url)) return
    request.log.warn({ pressure: type, value }, 'shedding load')
    throw new ServiceUnavailableError('The service', RETRY_AFTER_SECONDS)
  }
})

export default underPressure
