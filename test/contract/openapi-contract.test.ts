import { test } from 'tap'
import Fastify from 'fastify'
import { OpenApiContract, type OpenApiDocument } from './openapi-contract.js'

// The checker of the contract suite finds each kind of break it is there to find: a suite that could
// not fail would prove nothing.
const document: OpenApiDocument = {
  paths: {
    '/things/{id}': {
      get: {
        operationId: 'getThing',
        responses: {
          200: {
            headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } },
            content: { 'application/json': { schema: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, at: { type: 'string', format: 'date-time' } } } } }
          },
          202: { headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } } },
          204: { headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } } }
        }
      }
    }
  },
  components: {
    headers: {
      'X-Request-Id': { required: true, schema: { type: 'string', pattern: '^[a-z]+$' } },
      'Retry-After': { required: true, schema: { type: 'string' } }
    }
  }
}

test('the contract checker reports every kind of break', async (t) => {
  const app = Fastify()
  t.after(() => app.close())
  app.get('/things/:id', async (request, reply) => {
    const { id } = request.params as { id: string }
    const answers: Record<string, () => unknown> = {
      good: () => reply.header('x-request-id', 'abc').send({ id: 'good', at: '2026-11-25T12:00:00Z' }),
      empty: () => reply.code(204).header('x-request-id', 'abc').send(),
      'bad-body': () => reply.header('x-request-id', 'abc').send({ at: 'yesterday' }),
      'no-id': () => reply.send({ id: 'x' }),
      'bad-id': () => reply.header('x-request-id', 'A B').send({ id: 'x' }),
      'extra-header': () => reply.header('x-request-id', 'abc').header('retry-after', '1').send({ id: 'x' }),
      text: () => reply.header('x-request-id', 'abc').type('text/plain').send('hello'),
      'not-json': () => reply.header('x-request-id', 'abc').type('application/json').send('{'),
      teapot: () => reply.code(418).send({ id: 'x' }),
      'body-on-202': () => reply.code(202).header('x-request-id', 'abc').type('text/plain').send('x')
    }
    return answers[id]?.()
  })
  const contract = new OpenApiContract(document)
  const check = async (id: string, url = `/things/${id}`): Promise<string[]> => contract.check('getThing', await app.inject({ method: 'GET', url }))

  t.same(await check('good'), [], 'a response as documented')
  t.same(await check('empty'), [], 'an empty 204')
  t.match(await check('bad-body'), [/body \(root\) must have required property 'id'/, /body \/at must match format "date-time"/])
  t.same(await check('no-id'), ['required header X-Request-Id missing'])
  t.match(await check('bad-id'), [/header X-Request-Id: "A B" .*must match pattern/])
  t.same(await check('extra-header'), ['header retry-after sent but not documented for this response'])
  t.same(await check('text'), ['content type text/plain is not documented (application/json)'])
  t.match(await check('not-json'), [/the body is not JSON/])
  t.match(await check('teapot'), [/status 418 is not documented \(200, 202, 204\)/])
  t.match(await check('body-on-202'), [/no body documented, got 1 bytes of text\/plain/])
  const wrongPath = contract.check('getThing', await app.inject({ method: 'POST', url: '/elsewhere' }))
  t.match(wrongPath, [/the request POST \/elsewhere is not GET \/things\/\{id\}/])
  t.throws(() => contract.operation('nope'), /no operation nope/)
  t.throws(() => new OpenApiContract({ paths: { '/x': { get: { responses: {} } } }, components: {} }), /GET \/x has no operationId/)
})
