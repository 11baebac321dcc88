// The weather plugin on the app as configured, without a test dispatcher: the provider follows
// WEATHER_API_KEY, its metric series exist from the start (a closed circuit, zero cache lookups), and
// the app closes its own HTTP agent. No question is asked here: that would need the network.
import { test } from 'tap'
import { build, TEST_API_KEY } from '../helper.js'

test('with nothing configured the weather client is Open-Meteo and its series start at zero', async (t) => {
  const app = await build(t)
  t.equal(app.weather.providerName, 'open-meteo')
  t.equal(app.weather.breakerState, 'closed')
  const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': TEST_API_KEY } })
  t.match(metrics.body, /^circuit_breaker_state\{breaker="weather"\} 0$/m)
  for (const cache of ['weather_geocoding', 'weather_forecast']) {
    for (const result of ['hit', 'miss']) t.match(metrics.body, new RegExp(`^cache_requests_total\\{cache="${cache}",result="${result}"\\} 0$`, 'm'))
  }
  const started = Date.now()
  await app.close()
  t.ok(Date.now() - started < 2000, 'closing does not wait on the weather agent')
})

test('WEATHER_API_KEY switches to WeatherAPI.com', async (t) => {
  const app = await build(t, { WEATHER_API_KEY: 'wapi-test-key' })
  t.equal(app.weather.providerName, 'weatherapi')
})
