import { test } from 'tap'
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto'
import {
  createScramCredential, deriveScramCredential, ScramAuthError, ScramConversation, type ScramCredential
} from '../../../lib/embedded-mongo/scram.js'

// RFC 7677 section 3.
const vector = {
  salt: Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'),
  clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverNonce: '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='
}

function vectorConversation (credential: ScramCredential | undefined): ScramConversation {
  return new ScramConversation((name) => (name === 'user' ? credential : undefined), { serverNonce: () => vector.serverNonce })
}

// A client computed independently of the server code, as a driver would.
function clientFinalFor (password: string, clientFirstBare: string, serverFirst: string): string {
  const fields = Object.fromEntries(serverFirst.split(',').map((part) => [part[0], part.slice(2)]))
  const salted = pbkdf2Sync(password, Buffer.from(fields.s, 'base64'), Number(fields.i), 32, 'sha256')
  const clientKey = createHmac('sha256', salted).update('Client Key').digest()
  const storedKey = createHash('sha256').update(clientKey).digest()
  const withoutProof = `c=biws,r=${fields.r}`
  const signature = createHmac('sha256', storedKey).update(`${clientFirstBare},${serverFirst},${withoutProof}`).digest()
  const proof = Buffer.from(clientKey.map((byte, i) => byte ^ signature[i]))
  return `${withoutProof},p=${proof.toString('base64')}`
}

test('the server side reproduces the RFC 7677 SCRAM-SHA-256 exchange', async (t) => {
  const conversation = vectorConversation(deriveScramCredential('pencil', vector.salt, 4096))
  t.equal(conversation.start(Buffer.from(vector.clientFirst)).toString(), vector.serverFirst)
  const final = conversation.continue(Buffer.from(vector.clientFinal))
  t.equal(final.payload.toString(), vector.serverFinal)
  t.equal(final.done, true)
  t.equal(final.username, 'user')
})

test('a proof made from the wrong password is refused', async (t) => {
  const conversation = vectorConversation(deriveScramCredential('not pencil', vector.salt, 4096))
  conversation.start(Buffer.from(vector.clientFirst))
  t.throws(() => conversation.continue(Buffer.from(vector.clientFinal)), ScramAuthError)
})

test('an unknown user gets a challenge but can never complete it', async (t) => {
  const conversation = vectorConversation(undefined)
  const serverFirst = conversation.start(Buffer.from(vector.clientFirst)).toString()
  t.match(serverFirst, /^r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj\)hNlF\$k0,s=[A-Za-z0-9+/=]+,i=15000$/)
  t.throws(() => conversation.continue(Buffer.from(clientFinalFor('pencil', 'n=user,r=rOprNGfwEbeRWgbNEkqO', serverFirst))), ScramAuthError)
})

test('a fresh credential authenticates a client that knows the password, with escaped usernames', async (t) => {
  const credential = createScramCredential('s3cret', 4096)
  t.equal(credential.iterations, 4096)
  t.equal(createScramCredential('x').iterations, 15000)
  const conversation = new ScramConversation((name) => (name === 'a,b=c' ? credential : undefined))
  const clientFirstBare = 'n=a=2Cb=3Dc,r=clientnonce123'
  const serverFirst = conversation.start(Buffer.from(`n,,${clientFirstBare}`)).toString()
  t.match(serverFirst, /^r=clientnonce123[A-Za-z0-9+/=]{32},/)
  const final = conversation.continue(Buffer.from(clientFinalFor('s3cret', clientFirstBare, serverFirst)))
  t.equal(final.username, 'a,b=c')
  t.match(final.payload.toString(), /^v=/)
})

test('malformed or out-of-order messages are authentication errors', async (t) => {
  const credential = deriveScramCredential('pencil', vector.salt, 4096)
  const fresh = (): ScramConversation => vectorConversation(credential)
  t.throws(() => fresh().continue(Buffer.from(vector.clientFinal)), ScramAuthError, 'continue before start')
  t.throws(() => fresh().start(Buffer.from('garbage')), ScramAuthError)
  t.throws(() => fresh().start(Buffer.from('p=tls-unique,,n=user,r=abc')), /channel binding/)
  t.throws(() => fresh().start(Buffer.from('n,,m=ext,n=user,r=abc')), ScramAuthError)
  t.throws(() => fresh().start(Buffer.from('n,,n=us=er,r=abc')), /username/)

  const twice = fresh()
  twice.start(Buffer.from(vector.clientFirst))
  t.throws(() => twice.start(Buffer.from(vector.clientFirst)), /already started/)

  const wrongNonce = fresh()
  wrongNonce.start(Buffer.from(vector.clientFirst))
  t.throws(() => wrongNonce.continue(Buffer.from(vector.clientFinal.replace('k0,p=', 'k1,p='))), /nonce/)

  const wrongBinding = fresh()
  wrongBinding.start(Buffer.from(vector.clientFirst))
  t.throws(() => wrongBinding.continue(Buffer.from(vector.clientFinal.replace('c=biws', 'c=eSws'))), /channel binding/)

  const noProof = fresh()
  noProof.start(Buffer.from(vector.clientFirst))
  t.throws(() => noProof.continue(Buffer.from('c=biws,r=x')), /proof/)

  const shortProof = fresh()
  shortProof.start(Buffer.from(vector.clientFirst))
  t.throws(() => shortProof.continue(Buffer.from(vector.clientFinal.replace(/p=.*$/, 'p=AAAA'))), /length/)

  const replayed = fresh()
  replayed.start(Buffer.from(vector.clientFirst))
  replayed.continue(Buffer.from(vector.clientFinal))
  t.throws(() => replayed.continue(Buffer.from(vector.clientFinal)), /no SCRAM conversation/)
})
