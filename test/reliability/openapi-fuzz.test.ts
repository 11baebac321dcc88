// Fuzzing every operation of the OpenAPI document through inject() (issue 12): no 5xx, no leak of
// internals, no change to or sight of a second owner's data. The long run with more requests is
// test/reliability/slow/openapi-fuzz-long.test.ts.
import { test } from 'tap'
import { build } from '../helper.js'
import { fuzzApp } from '../support/fuzz-run.js'
import { recordReliability } from '../support/reliability-report.js'

const RUNS = 3000

test('every route fuzzed from the OpenAPI document answers 4xx or 2xx and leaves others\' data alone', async (t) => {
  const app = await build(t)
  const outcome = await fuzzApp(app, RUNS, 12)
  t.equal(outcome.requests, RUNS)
  t.same(outcome.failures, [], 'no 5xx and no leaked internals')
  t.same(outcome.bypasses, [], 'the other owner\'s data unchanged and unseen')
  t.ok((outcome.statuses['400'] ?? 0) > 0 && (outcome.statuses['404'] ?? 0) > 0, 'the fuzzer reached validation and lookups')
  t.ok((outcome.statuses['413'] ?? 0) > 0, 'huge bodies are refused with 413')
  t.ok((outcome.statuses['415'] ?? 0) > 0, 'wrong content types are refused with 415')
  await recordReliability({
    suite: 'openapi-fuzz',
    scenario: 'OpenAPI-generated requests through inject',
    requests: outcome.requests,
    faults: 0,
    failures: outcome.failures.length,
    lost: 0,
    duplicates: 0,
    unexpected5xx: outcome.failures.filter((f) => /^5\d\d /.test(f)).length,
    hung: 0,
    bypasses: outcome.bypasses.length,
    notes: `statuses ${JSON.stringify(outcome.statuses)}`
  })
})
