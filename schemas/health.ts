import { Type, type Static } from 'typebox'

const CheckStateSchema = Type.Union([Type.Literal('ok'), Type.Literal('embedded'), Type.Literal('unavailable')])

export const HealthReportSchema = Type.Object({
  status: Type.Union([Type.Literal('healthy'), Type.Literal('degraded'), Type.Literal('unhealthy')]),
  timestamp: Type.String({ format: 'date-time' }),
  checks: Type.Object({ mongodb: CheckStateSchema, redis: CheckStateSchema })
}, {
  examples: [{ status: 'healthy', timestamp: '2026-11-25T12:00:00.000Z', checks: { mongodb: 'ok', redis: 'ok' } }]
})

export type HealthReport = Static<typeof HealthReportSchema>

export const ReadyReportSchema = Type.Object({
  status: Type.Literal('ready')
})
