import { test } from 'tap'
import { MongoClient, MongoServerError } from 'mongodb'
import { runMongoCli, startMongoProcess } from './mongo-process.js'

async function exitOf (args: string[]): Promise<{ code: number | null, stdout: string, stderr: string }> {
  const { child, stdout, stderr } = runMongoCli(args)
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)))
  return { code, stdout: stdout(), stderr: stderr() }
}

function withCredentials (uri: string, username: string, password: string): string {
  const url = new URL(uri)
  url.username = encodeURIComponent(username)
  url.password = encodeURIComponent(password)
  return url.toString()
}

async function authError (uri: string): Promise<unknown> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 })
  try {
    await client.connect()
    await client.db('app').collection('notes').findOne({})
    return undefined
  } catch (err) {
    return err
  } finally {
    await client.close()
  }
}

test('bad arguments print a message and exit with code 2, help exits 0', async (t) => {
  const [badPort, unknown, badUser, duplicate, help] = await Promise.all([
    exitOf(['--port', 'abc']),
    exitOf(['--verbose']),
    exitOf(['--user', 'alice']),
    exitOf(['--user', 'a:1', '--user', 'a:2']),
    exitOf(['--help'])
  ])
  t.equal(badPort.code, 2)
  t.match(badPort.stderr, /--port expects 0-65535/)
  t.equal(unknown.code, 2)
  t.match(unknown.stderr, /--verbose/)
  t.equal(badUser.code, 2)
  t.match(badUser.stderr, /NAME:PASSWORD/)
  t.equal(duplicate.code, 2)
  t.notMatch(duplicate.stderr, /a:1|a:2/, 'passwords are not echoed')
  for (const result of [badPort, unknown, badUser, duplicate]) t.equal(result.stdout, '')
  t.equal(help.code, 0)
  t.match(help.stdout, /usage: acai mongo/)
})

test('with --user, the right password works, a wrong one fails with code 18 and none with code 13', async (t) => {
  const server = await startMongoProcess(t, ['--port', '0', '--user', 'alice:s3cret', '--user', 'bob:hunter2'])
  t.match(server.uri, /^mongodb:\/\/alice@127\.0\.0\.1:\d+\/\?/)
  t.match(server.uri, /authSource=admin/)
  t.notMatch(server.uri, /s3cret|hunter2/)

  for (const [username, password] of [['alice', 's3cret'], ['bob', 'hunter2']]) {
    const client = new MongoClient(withCredentials(server.uri, username, password), { serverSelectionTimeoutMS: 5000 })
    t.teardown(() => client.close())
    const notes = client.db('app').collection('notes')
    await notes.insertOne({ by: username })
    t.same(await notes.findOne({ by: username }, { projection: { _id: 0 } }), { by: username })
  }

  const wrongPassword = await authError(withCredentials(server.uri, 'alice', 'wrong'))
  t.ok(wrongPassword instanceof MongoServerError, 'wrong password is a server error')
  t.match(wrongPassword, { code: 18 })
  t.match(await authError(withCredentials(server.uri, 'mallory', 's3cret')), { code: 18 })
  t.match(await authError(server.uri.replace('alice@', '')), { code: 13 })
})

test('SIGINT closes the server cleanly with exit code 0', async (t) => {
  const server = await startMongoProcess(t, ['--port', '0', '--data-dir', t.testdir()])
  t.match(server.uri, /^mongodb:\/\/127\.0\.0\.1:\d+\/\?directConnection=true$/)
  const client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 5000 })
  await client.db('app').collection('notes').insertOne({ n: 1 })
  await client.close()
  server.child.kill('SIGINT')
  t.same(await server.exited, { code: 0, signal: null })
  t.match(server.stderr(), /SIGINT received/)
})
