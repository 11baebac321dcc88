import { test } from 'tap'
import { redactUri } from '../../../lib/logging/redact.js'

test('the password of a connection string is masked, the user and host stay', async (t) => {
  t.equal(redactUri('mongodb://admin:hunter2@db.example:27017/acai?authSource=admin'), 'mongodb://admin:***@db.example:27017/acai?authSource=admin')
  t.equal(redactUri('mongodb+srv://u:p%40ss@cluster0.example.net/'), 'mongodb+srv://u:***@cluster0.example.net/')
  t.equal(redactUri('redis://:s3cret@cache:6379/0'), 'redis://:***@cache:6379/0')
  t.equal(redactUri('rediss://default:s3cret@cache:6380'), 'rediss://default:***@cache:6380')
})

test('URIs without credentials are unchanged', async (t) => {
  t.equal(redactUri('mongodb://127.0.0.1:27017'), 'mongodb://127.0.0.1:27017')
  t.equal(redactUri('redis://user@cache:6379'), 'redis://user@cache:6379')
})
