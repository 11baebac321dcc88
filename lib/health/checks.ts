export type CheckState = 'ok' | 'embedded' | 'unavailable'

export interface HealthReport {
  status: 'healthy' | 'degraded' | 'unhealthy'
  timestamp: string
  checks: { mongodb: CheckState, redis: CheckState }
}

export interface HealthProbes {
  mongodb: () => Promise<CheckState>
  redis: () => Promise<CheckState>
  now?: () => Date
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 1500

// A probe that throws or hangs counts as unavailable; the raw error never reaches the response.
export async function settle (probe: () => Promise<CheckState>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<CheckState>((resolve) => { timer = setTimeout(() => resolve('unavailable'), timeoutMs) })
  try {
    return await Promise.race([probe().catch((): CheckState => 'unavailable'), timeout])
  } finally {
    clearTimeout(timer)
  }
}

// DESIGN.md 3.3: MongoDB down is unhealthy (503); Redis down only degrades (200), the service still serves.
export function healthReport (mongodb: CheckState, redis: CheckState, at: Date): HealthReport {
  const status = mongodb === 'unavailable' ? 'unhealthy' : redis === 'unavailable' ? 'degraded' : 'healthy'
  return { status, timestamp: at.toISOString(), checks: { mongodb, redis } }
}

export async function checkHealth ({ mongodb, redis, now = () => new Date(), timeoutMs = DEFAULT_TIMEOUT_MS }: HealthProbes): Promise<HealthReport> {
  const [mongoState, redisState] = await Promise.all([settle(mongodb, timeoutMs), settle(redis, timeoutMs)])
  return healthReport(mongoState, redisState, now())
}
