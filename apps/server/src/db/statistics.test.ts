import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildBirthFields, createBook } from '../test/factories'
import { startTestServer, type TestServer } from '../test/harness'
import { loadPopulation, populationCsv, waitForJob } from '../modules/population/population-fixtures'
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

  it('leave no dead rows on PGlite: a book reconciled again and again keeps the size of its results table', async () => {
    const officer = await server.login('tuphap.anphu')
    await loadPopulation(server, await server.login('congan.anphu'), populationCsv())
    const book = await createBook(officer, server, '98001', { volume: '02/1985', year: 1985, openedOn: '1985-01-02', closedOn: '1985-12-31' })
    for (let so = 1; so <= 150; so++) {
      const fields = buildBirthFields({ so: String(so), nksHoTen: `Nguyễn Văn Hùng ${'ABCDEFGHIK'[so % 10]}${'LMNOPQRSTU'[so % 7]}`, nksNgaySinh: `${String(1 + (so % 28)).padStart(2, '0')}.03.1985` })
      expect((await officer.post(`/api/books/${book.id}/entries`, { fields })).status).toBe(201)
    }
    const resultsSize = async () => Number((await sql<{ n: string }>`select pg_relation_size('reconciliation_results') as n`.execute(server.db.kysely)).rows[0]?.n)
    const sizes: number[] = []
    for (let run = 1; run <= 4; run++) {
      const started = await officer.post('/api/reconciliation/batches', { bookId: book.id })
      expect(started.status).toBe(202)
      expect(await waitForJob(officer, started.body.id)).toMatchObject({ status: 'succeeded', progress: { total: 150, done: 150 } })
      sizes.push(await resultsSize())
    }
    // Run 2 keeps run 1's rows as dead ones until run 3 vacuums them; from then on each run takes the space the
    // run before the last left. Without the VACUUM the table grew by a run's worth of rows each time.
    expect(sizes[1]).toBeGreaterThan(sizes[0] as number)
    if (server.db.engine === 'pglite') expect(sizes[3]).toBe(sizes[2])
  })

  it('are kept fresh by a housekeeping task on PGlite, which has no autovacuum (PostgreSQL has its own)', async () => {
    const run = await server.services.jobRunner.runPeriodicNow(STATISTICS_TASK)
    if (server.db.engine === 'postgres') {
      expect(run).toBeUndefined()
      return
    }
    const books = (await server.db.kysely.selectFrom('books').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
    expect(await plannerRows('books')).toBe(Number(books))
    // Vacuumed too (what autovacuum would do), not only analysed: rewritten rows' space is used again. Tables no
    // reconciliation run vacuums, so that only the task can have done it.
    const vacuumed = await sql<{ relname: string }>`select relname from pg_stat_user_tables where last_vacuum is not null`.execute(server.db.kysely)
    expect(vacuumed.rows.map((r) => r.relname)).toEqual(expect.arrayContaining(['books', 'sessions', 'entry_drafts', 'audit_events']))
  })
})
