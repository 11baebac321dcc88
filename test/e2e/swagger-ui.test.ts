import { test } from 'tap'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser, type Page } from 'playwright-core'
import { build, TEST_API_KEY } from '../helper.js'
import { DOCS_TITLE } from '../../lib/docs/brand.js'

// Swagger UI in a real browser, reached the way a developer reaches a dev server on another machine: by
// a host name over plain HTTP (mapped to loopback inside the browser, so no network is involved). It
// must show the product's title, favicon and logo, authorize, run "Try it out" on POST /v1/conversations
// twice in a row, keep the authorization across a reload, and log not one console error (a CSP
// violation is one). The screenshot goes to SWAGGER_UI_SCREENSHOT when set (`npm run docs:screenshot`
// writes the README's docs/img/swagger-ui.png), otherwise to a temporary directory.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const HOST = 'acai-dev.test'
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

async function tryCreate (page: Page): Promise<{ status: string | undefined, body: string | undefined }> {
  const create = page.locator('#operations-conversations-createConversation')
  await create.locator('button.execute').click()
  const response = create.locator('.live-responses-table .response').first()
  await response.locator('.response-col_status').waitFor({ timeout: 15_000 })
  return {
    status: (await response.locator('.response-col_status').textContent())?.trim(),
    body: (await response.locator('.response-col_description pre').first().textContent()) ?? undefined
  }
}

test('Swagger UI by host name over plain HTTP: branded, authorizes, "Try it out" works and the key persists', { skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)` }, async (t) => {
  // No load shedding: Chromium and the server share a busy machine, and a 503 is not what this tests.
  const app = await build(t, { PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0', PRESSURE_MAX_HEAP_USED_RATIO: '0' })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo

  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--host-resolver-rules=MAP ${HOST} 127.0.0.1`]
  })
  t.teardown(() => browser.close())
  const page = await browser.newPage({ viewport: { width: 1280, height: 960 } })
  const problems: string[] = []
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()) })
  page.on('pageerror', (err) => problems.push(err.message))
  page.on('requestfailed', (request) => problems.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`))
  page.on('response', (response) => { if (response.status() >= 400 && !response.url().includes('/v1/')) problems.push(`${response.url()}: ${response.status()}`) })

  await page.goto(`http://${HOST}:${port}/docs`)
  const create = page.locator('#operations-conversations-createConversation')
  await create.waitFor({ timeout: 15_000 })
  t.ok(await page.locator('.opblock').count() > 10, 'the operations are listed')
  t.equal(await page.title(), DOCS_TITLE, 'the product\'s title')
  const favicon = await page.locator('link[rel=icon]').getAttribute('href')
  t.match(favicon, /theme\/favicon\.svg$/, 'the product\'s favicon')
  const served = await page.evaluate(async (href) => { const res = await fetch(href); return `${res.status} ${res.headers.get('content-type') ?? ''}` }, favicon ?? '')
  t.equal(served, '200 image/svg+xml', 'the favicon is served')
  const logo = page.locator('#swagger-ui .topbar .topbar-wrapper a.link img')
  await logo.waitFor({ timeout: 15_000 })
  t.match(await logo.getAttribute('src'), /^data:image\/svg\+xml;base64,/, 'the product\'s logo in the top bar')
  t.match(Buffer.from(String(await logo.getAttribute('src')).split(',')[1], 'base64').toString(), /acai-assistant/, 'not Fastify\'s')

  await page.click('button.authorize')
  await page.locator('.modal-ux input[type=text]').first().fill(TEST_API_KEY)
  await page.locator('.modal-ux button.authorize').first().click()
  await page.click('.modal-ux button.btn-done')

  await create.locator('.opblock-summary').click()
  await create.locator('button.try-out__btn').click()
  for (const attempt of ['first', 'second']) {
    const { status, body } = await tryCreate(page)
    t.equal(status, '201', `the ${attempt} "Try it out" creates a conversation`)
    t.match(JSON.parse(body ?? '{}'), { conversation: { id: /^[0-9a-f]{24}$/ }, reply: { role: 'assistant', content: /\S/ } }, `the ${attempt} reply is shown`)
    if (attempt === 'first') {
      const shot = process.env.SWAGGER_UI_SCREENSHOT ?? join(mkdtempSync(join(tmpdir(), 'swagger-ui-')), 'swagger-ui.png')
      if (process.env.SWAGGER_UI_SCREENSHOT === undefined) t.teardown(() => rmSync(resolve(shot, '..'), { recursive: true, force: true }))
      // From the top bar down to the end of the reply: the product, the operation and what it answered.
      const reply = await create.locator('.live-responses-table .response-col_description pre').first().boundingBox()
      const scrollY = Number(await page.evaluate('window.scrollY'))
      const bottom = reply === null ? 960 : Math.ceil(reply.y + scrollY + reply.height + 16)
      await page.screenshot({ path: shot, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: bottom } })
      t.same(readFileSync(shot).subarray(0, 8), PNG_SIGNATURE, `a screenshot at ${shot}`)
    }
    await create.locator('button.btn-clear').click()
  }

  // persistAuthorization: opened again, the page still has the key, so "Try it out" works at once.
  await page.goto(`http://${HOST}:${port}/docs`)
  await create.waitFor({ timeout: 15_000 })
  await create.locator('.opblock-summary').click()
  await create.locator('button.try-out__btn').click()
  t.equal((await tryCreate(page)).status, '201', 'opened again, without authorizing again')

  // The admin routes answer "Try it out" as well (issue 15): the bootstrap key lists the API keys.
  const listKeys = page.locator('#operations-admin-listApiKeys')
  await listKeys.locator('.opblock-summary').click()
  await listKeys.locator('button.try-out__btn').click()
  await listKeys.locator('button.execute').click()
  const keys = listKeys.locator('.live-responses-table .response').first()
  await keys.locator('.response-col_status').waitFor({ timeout: 15_000 })
  t.equal((await keys.locator('.response-col_status').textContent())?.trim(), '200', '"Try it out" on GET /v1/admin/keys')
  t.match(await keys.locator('.response-col_description pre').first().textContent(), /"name": "bootstrap"/, 'the keys are listed')

  t.same(problems, [], 'no console errors, failed requests or CSP violations')
})
