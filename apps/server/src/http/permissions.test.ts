import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../test/harness'
import { buildBirthFields, buildBook, createBook, unitIdByCode } from '../test/factories'

/**
 * Every demo role against Xã An Phú's book and entry. Expected statuses are written out by hand (not
 * derived from the permission table) so that a change to roles or scope shows up here.
 * 404 = outside the user's unit scope; 403 = inside the scope but the role may not do it.
 */
const EXPECTED: Record<string, { getBook: number; createBook: number; getEntry: number; putEntry: number; listUsers: number }> = {
  'tuphap.anphu': { getBook: 200, createBook: 201, getEntry: 200, putEntry: 200, listUsers: 200 },
  'sohoa.anphu': { getBook: 200, createBook: 403, getEntry: 200, putEntry: 200, listUsers: 403 },
  'congan.anphu': { getBook: 200, createBook: 403, getEntry: 200, putEntry: 200, listUsers: 403 },
  'lanhdao.anphu': { getBook: 200, createBook: 403, getEntry: 200, putEntry: 403, listUsers: 200 },
  'tuphap.binhminh': { getBook: 404, createBook: 400, getEntry: 404, putEntry: 404, listUsers: 200 },
  phongtuphap: { getBook: 404, createBook: 400, getEntry: 404, putEntry: 404, listUsers: 200 },
  sotuphap: { getBook: 200, createBook: 403, getEntry: 200, putEntry: 403, listUsers: 200 },
  admin: { getBook: 403, createBook: 403, getEntry: 403, putEntry: 403, listUsers: 200 },
}

let server: TestServer
let bookId: string
let entryId: string
let anPhu: string

beforeAll(async () => {
  server = await startTestServer()
  const owner = await server.login('tuphap.anphu')
  anPhu = await unitIdByCode(server, '98001')
  bookId = (await createBook(owner, server)).id
  entryId = (await owner.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields() })).body.id
})
afterAll(async () => server?.close())

describe('route × role × unit', () => {
  for (const [username, expected] of Object.entries(EXPECTED)) {
    it(`${username}`, async () => {
      const client = await server.login(username)
      const currentVersion = async () =>
        (await server.db.kysely.selectFrom('entries').select('version').where('id', '=', entryId).executeTakeFirstOrThrow()).version
      const actual = {
        getBook: (await client.get(`/api/books/${bookId}`)).status,
        createBook: (await client.post('/api/books', buildBook({ custodianUnitId: anPhu, volume: `${Object.keys(EXPECTED).indexOf(username) + 10}/2024` }))).status,
        getEntry: (await client.get(`/api/entries/${entryId}`)).status,
        putEntry: (await client.put(`/api/entries/${entryId}`, { fields: buildBirthFields({ ghiChu: `sửa bởi ${username}` }), version: await currentVersion() })).status,
        listUsers: (await client.get('/api/users')).status,
      }
      expect(actual).toEqual(expected)
    })
  }
})
