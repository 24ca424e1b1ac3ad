import { MessageChannel } from 'node:worker_threads'
import { Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../test/harness'
import { QueryProxyDialect, serveQueries } from './query-proxy'
import type { Database } from './schema'

describe('queries from a worker thread through the query proxy', () => {
  let server: TestServer
  let proxied: Kysely<Database>
  beforeAll(async () => {
    server = await startTestServer()
    // Both ends in one thread: the port carries the same messages as between a worker and the server.
    const channel = new MessageChannel()
    serveQueries(server.db.kysely, channel.port1)
    proxied = new Kysely<Database>({ dialect: new QueryProxyDialect(channel.port2) })
  })
  afterAll(async () => {
    await proxied?.destroy()
    await server?.close()
  })

  it('returns the rows the database holds, with parameters, arrays and several queries at once', async () => {
    const [units, direct] = await Promise.all([
      proxied.selectFrom('administrative_units').select(['code', 'name']).where('code', 'in', ['98001', '98002']).orderBy('code').execute(),
      server.db.kysely.selectFrom('administrative_units').select(['code', 'name']).where('code', 'in', ['98001', '98002']).orderBy('code').execute(),
    ])
    expect(units.length).toBe(2)
    expect(units).toEqual(direct)
    const arrays = await sql<{ n: number; joined: string }>`select cardinality(${['a', 'b', 'c']}::text[]) as n, array_to_string(${['x', 'y']}::text[], '|') as joined`.execute(proxied)
    expect(arrays.rows).toEqual([{ n: 3, joined: 'x|y' }])
  })

  it("reports the database's error to the worker and keeps serving", async () => {
    await expect(sql`select * from no_such_table`.execute(proxied)).rejects.toThrow(/no_such_table/)
    await expect(proxied.transaction().execute(async () => undefined)).rejects.toThrow(/Transactions/)
    expect((await sql<{ one: number }>`select 1 as one`.execute(proxied)).rows).toEqual([{ one: 1 }])
  })
})
