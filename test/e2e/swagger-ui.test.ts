import { test } from 'tap'
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser } from 'playwright-core'
import { build, TEST_API_KEY } from '../helper.js'

// Swagger UI in a real browser, reached the way a developer reaches a dev server on another machine: by
// a host name over plain HTTP (mapped to loopback inside the browser, so no network is involved). It
// must render, authorize, and run "Try it out" on POST /v1/conversations twice in a row, without one
// console error.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const HOST = 'acai-dev.test'

test('Swagger UI by host name over plain HTTP: renders, authorizes, and "Try it out" works twice', { skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)` }, async (t) => {
  const app = await build(t)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo

  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--host-resolver-rules=MAP ${HOST} 127.0.0.1`]
  })
  t.teardown(() => browser.close())
  const page = await browser.newPage()
  const problems: string[] = []
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()) })
  page.on('pageerror', (err) => problems.push(err.message))
  page.on('requestfailed', (request) => problems.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`))

  await page.goto(`http://${HOST}:${port}/docs`)
  const create = page.locator('#operations-conversations-createConversation')
  await create.waitFor({ timeout: 15_000 })
  t.ok(await page.locator('.opblock').count() > 10, 'the operations are listed')

  await page.click('button.authorize')
  await page.locator('.modal-ux input[type=text]').first().fill(TEST_API_KEY)
  await page.locator('.modal-ux button.authorize').first().click()
  await page.click('.modal-ux button.btn-done')

  await create.locator('.opblock-summary').click()
  await create.locator('button.try-out__btn').click()
  for (const attempt of ['first', 'second']) {
    await create.locator('button.execute').click()
    const status = create.locator('.live-responses-table .response .response-col_status').first()
    await status.waitFor({ timeout: 15_000 })
    t.equal((await status.textContent())?.trim(), '201', `the ${attempt} "Try it out" creates a conversation`)
    await create.locator('button.btn-clear').click()
  }
  t.same(problems, [], 'no console errors, failed requests or CSP violations')
})
