import { test } from 'tap'
import { mediaType, pathOf, routeError, unroutedError } from '../../../lib/twirp/routing.js'

const PATH = '/twirp/acai.chat.ChatService/ListConversations'

test('mediaType drops parameters and case', async (t) => {
  t.equal(mediaType('application/json'), 'application/json')
  t.equal(mediaType('Application/JSON; charset=utf-8'), 'application/json')
  t.equal(mediaType(' application/json ;charset=UTF-8'), 'application/json')
  t.equal(mediaType(undefined), '')
})

test('a POST of JSON to a served method routes', async (t) => {
  t.equal(routeError({ method: 'POST', path: PATH, contentType: 'application/json', known: true }), undefined)
  t.equal(routeError({ method: 'POST', path: PATH, contentType: 'application/json; charset=utf-8', known: true }), undefined)
})

test('another HTTP method is bad_route, whatever the path', async (t) => {
  for (const known of [true, false]) {
    const err = routeError({ method: 'GET', path: PATH, contentType: undefined, known })
    t.equal(err?.code, 'bad_route')
    t.equal(err?.statusCode, 404)
    t.equal(err?.message, 'unsupported method "GET" (only POST is allowed)')
    t.same(err?.meta, { twirp_invalid_route: `GET ${PATH}` })
  }
})

test('an unknown method name is bad_route naming the path', async (t) => {
  const path = '/twirp/acai.chat.ChatService/DeleteEverything'
  const err = routeError({ method: 'POST', path, contentType: 'application/json', known: false })
  t.equal(err?.message, `no handler for path "${path}"`)
  t.same(err?.meta, { twirp_invalid_route: `POST ${path}` })
  t.same(unroutedError({ method: 'POST', path }), err)
})

test('a body that is not JSON is bad_route, protobuf included', async (t) => {
  for (const contentType of ['text/plain', 'application/protobuf', 'application/x-www-form-urlencoded', 'application/jsonx', undefined]) {
    const err = routeError({ method: 'POST', path: PATH, contentType, known: true })
    t.equal(err?.code, 'bad_route', String(contentType))
    t.equal(err?.message, `unexpected Content-Type: ${JSON.stringify(contentType ?? '')}`)
  }
})

test('pathOf leaves the query string out', async (t) => {
  t.equal(pathOf(`${PATH}?debug=1`), PATH)
  t.equal(pathOf(PATH), PATH)
})
