import { PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type Dialect, type Driver, type Kysely } from 'kysely'

/** A Kysely dialect that speaks PostgreSQL's SQL through a driver of our own (PGlite, the worker query proxy). */
export abstract class PostgresSqlDialect implements Dialect {
  abstract createDriver(): Driver
  createAdapter() {
    return new PostgresAdapter()
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler()
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db)
  }
}
