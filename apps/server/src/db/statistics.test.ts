import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildBirthFields, createBook } from '../test/factories'
import { startTestServer, type TestServer } from '../test/harness'
import { refreshStatistics, STATISTICS_TASK } from './statistics'

describe('planner statistics', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(async () => server?.close())

  const plannerRows = async (table: string) =>
    (await sql<{ n: number }>`select reltuples::int as n from pg_class where relname = ${table} and relkind = 'r'`.execute(server.db.kysely)).rows[0]?.n

  it('are refreshed for the tables a job names, so the planner knows how many rows they hold', async () => {
    const officer = await server.login('tuphap.anphu')
    const book = await createBook(officer, server)
    for (let so = 1; so <= 12; so++) {
      expect((await officer.post(`/api/books/${book.id}/entries`, { fields: buildBirthFields({ so: String(so) }) })).status).toBe(201)
    }
    await refreshStatistics(server.db.kysely, ['entries'])
    const counted = (await server.db.kysely.selectFrom('entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
    expect(await plannerRows('entries')).toBe(Number(counted))
  })

  it('are kept fresh by a housekeeping task on PGlite, which has no autovacuum (PostgreSQL has its own)', async () => {
    const run = await server.services.jobRunner.runPeriodicNow(STATISTICS_TASK)
    if (server.db.engine === 'postgres') {
      expect(run).toBeUndefined()
      return
    }
    const books = (await server.db.kysely.selectFrom('books').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
    expect(await plannerRows('books')).toBe(Number(books))
  })
})
