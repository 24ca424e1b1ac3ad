/**
 * Database access for worker threads: a worker's queries are sent over a MessagePort to the thread
 * that holds the database (PGlite lives in one thread; a PostgreSQL pool is shared there too) and
 * answered from there. Plain queries only: a transaction cannot span two threads.
 */
import type { MessagePort } from 'node:worker_threads'
import { CompiledQuery, type DatabaseConnection, type Driver, type Kysely, type QueryResult } from 'kysely'
import { PostgresSqlDialect } from './postgres-sql-dialect'

interface QueryRequest {
  id: number
  sql: string
  parameters: readonly unknown[]
}

type QueryReply = { id: number; rows: unknown[]; affected?: string } | { id: number; error: string }

/** In the thread holding the database: answers the queries arriving on the port. */
export function serveQueries<DB>(db: Kysely<DB>, port: MessagePort): void {
  port.on('message', (request: QueryRequest) => {
    db.executeQuery(CompiledQuery.raw(request.sql, [...request.parameters])).then(
      (result) =>
        port.postMessage({
          id: request.id,
          rows: result.rows,
          ...(result.numAffectedRows !== undefined ? { affected: String(result.numAffectedRows) } : {}),
        } satisfies QueryReply),
      (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies QueryReply),
    )
  })
}

/** In the worker: a Kysely dialect whose queries go through the port. */
export class QueryProxyDialect extends PostgresSqlDialect {
  constructor(private readonly port: MessagePort) {
    super()
  }
  createDriver(): Driver {
    return new QueryProxyDriver(this.port)
  }
}

class QueryProxyDriver implements Driver, DatabaseConnection {
  private nextId = 1
  private readonly pending = new Map<number, { resolve(reply: QueryReply): void }>()

  constructor(private readonly port: MessagePort) {
    port.on('message', (reply: QueryReply) => {
      const waiting = this.pending.get(reply.id)
      this.pending.delete(reply.id)
      waiting?.resolve(reply)
    })
  }

  async init(): Promise<void> {}
  // Queries are told apart by id, so one "connection" serves them all at once.
  async acquireConnection(): Promise<DatabaseConnection> {
    return this
  }
  async releaseConnection(): Promise<void> {}
  async beginTransaction(): Promise<void> {
    throw new Error('Transactions are not available to worker threads')
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async destroy(): Promise<void> {
    this.port.close()
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const id = this.nextId++
    const reply = await new Promise<QueryReply>((resolve) => {
      this.pending.set(id, { resolve })
      this.port.postMessage({ id, sql: compiled.sql, parameters: compiled.parameters } satisfies QueryRequest)
    })
    if ('error' in reply) throw new Error(reply.error)
    return { rows: reply.rows as R[], ...(reply.affected !== undefined ? { numAffectedRows: BigInt(reply.affected) } : {}) }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not available to worker threads')
  }
}
