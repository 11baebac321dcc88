// Numbers coerced from a query string are finite: Ajv turned "1e309" and "Infinity" into Infinity for an
// integer schema and skipped its maximum, so the handler ran with it and answered 500.
import { test } from 'tap'
import { build, TEST_API_KEY } from '../helper.js'

test('a non-finite number in a query string is a 400 in the one error shape, never a 500', async (t) => {
  const app = await build(t)
  const headers = { 'x-api-key': TEST_API_KEY }
  for (const url of ['/v1/usage?days=1e309', '/v1/usage?days=Infinity', '/v1/usage?days=-Infinity', '/v1/conversations?limit=1e400']) {
    const res = await app.inject({ url, headers })
    t.equal(res.statusCode, 400, `${url}: 400`)
    const body = res.json()
    t.equal(body.code, 'FST_ERR_VALIDATION', `${url}: a validation error`)
    t.match(body.message, /^querystring\/\w+ must (be a finite number|be >= 1)$/, `${url}: names the parameter`)
  }
  const fine = await app.inject({ url: '/v1/usage?days=7', headers })
  t.equal(fine.statusCode, 200, 'a finite value still passes')
})
