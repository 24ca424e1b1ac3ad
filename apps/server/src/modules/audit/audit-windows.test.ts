/**
 * "Who has looked at this entry" searches the list reads in windows growing backwards (7, 35, 175,
 * 875 days, then no bound; migration 0037's BRIN index keeps each window cheap at 50M rows). Whatever
 * the windows, the pages must be the same as one search of the whole trail: newest first, every list
 * read naming the entry once, none of another entry's, across cursors and a date range.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuditEntityPage } from '@hts/domain'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { buildBirthFields, createBook } from '../../test/factories'

let server: TestServer
let province: Client
let entryId: string
let otherId: string
/** The list reads written below that name the entry, newest first, as `${days} ${id}`. */
let expected: string[] = []

/** Days back from now of the generated list reads: recent, a month ago, a year ago, three years ago. */
const DAYS = [
  ...Array.from({ length: 40 }, (_, i) => 0.1 + i * 0.1),
  ...Array.from({ length: 30 }, (_, i) => 20 + i * 0.3),
  ...Array.from({ length: 25 }, (_, i) => 300 + i * 2),
  ...Array.from({ length: 20 }, (_, i) => 1000 + i * 5),
]

async function walk(url: string): Promise<string[]> {
  const seen: string[] = []
  let cursor: string | null = null
  for (let guard = 0; guard < 20; guard++) {
    const response = await province.get(`${url}${cursor ? `&cursor=${cursor}` : ''}`)
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    const page = AuditEntityPage.parse(response.body)
    seen.push(...page.items.filter((e) => e.action === 'test.list').map((e) => e.id))
    cursor = page.nextCursor
    if (!cursor) return seen
  }
  throw new Error('more than 20 pages')
}

beforeAll(async () => {
  server = await startTestServer()
  const keyer = await server.login('tuphap.anphu')
  province = await server.login('sotuphap')
  const bookId = (await createBook(keyer, server)).id
  entryId = (await keyer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields() })).body.id
  otherId = (await keyer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields({ so: '13' }) })).body.id
  const unitId = (await server.db.kysely.selectFrom('users').select('unit_id').where('username', '=', 'tuphap.anphu').executeTakeFirstOrThrow()).unit_id
  // Written oldest first, as a trail is appended; every third read names only the other entry.
  const rows = [...DAYS].sort((a, b) => b - a).flatMap((days, i) => [
    { days, returned: [otherId, entryId] },
    ...(i % 3 === 0 ? [{ days: days - 0.01, returned: [otherId] }] : []),
  ])
  const ids: Array<{ id: string; days: number; named: boolean }> = []
  for (const row of rows) {
    const inserted = await server.db.kysely
      .insertInto('audit_events')
      .values({
        occurred_at: new Date(Date.now() - row.days * 86_400_000),
        unit_id: unitId, action: 'test.list', entity_type: 'book', entity_id: bookId, details: JSON.stringify({ returned: row.returned }),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    ids.push({ id: String(inserted.id), days: row.days, named: row.returned.includes(entryId) })
  }
  expected = ids.filter((r) => r.named).sort((a, b) => a.days - b.days).map((r) => r.id)
})
afterAll(async () => server?.close())

describe('GET /api/audit/entity/entry/:id over windows', () => {
  it('pages through every list read naming the entry, newest first, from this week to three years back', async () => {
    expect(expected).toHaveLength(DAYS.length)
    expect(await walk(`/api/audit/entity/entry/${entryId}?pageSize=30`)).toEqual(expected)
    expect(await walk(`/api/audit/entity/entry/${entryId}?pageSize=200`)).toEqual(expected)
  })

  it('a date range keeps the rows inside it only', async () => {
    const day = (daysBack: number) => new Date(Date.now() + 7 * 3_600_000 - daysBack * 86_400_000).toISOString().slice(0, 10)
    const inRange = await walk(`/api/audit/entity/entry/${entryId}?pageSize=10&from=${day(400)}&to=${day(200)}`)
    expect(inRange).toHaveLength(25)
    expect(inRange).toEqual(expected.slice(70, 95))
  })
})
