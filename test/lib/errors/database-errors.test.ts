import { test } from 'tap'
import { isDatabaseUnavailable } from '../../../lib/errors/database-errors.js'
import { otherErrors, serverSelectionError, unavailableErrors } from './driver-errors.js'

test('every driver signal of an unavailable database is recognised', async (t) => {
  for (const [what, err] of Object.entries(unavailableErrors())) t.equal(isDatabaseUnavailable(err), true, what)
  t.equal(isDatabaseUnavailable(await serverSelectionError()), true, 'a real server-selection timeout')
})

test('client and logic errors, and anything that is not a driver error, are not', async (t) => {
  for (const [what, err] of Object.entries(otherErrors())) t.equal(isDatabaseUnavailable(err), false, what)
  const named = new Error('looks like one')
  named.name = 'MongoNetworkError'
  t.equal(isDatabaseUnavailable(named), false, 'a name alone proves nothing')
  t.equal(isDatabaseUnavailable(undefined), false)
})
