import { Migrator, type Migration, type MigrationProvider } from 'kysely'
import type { Db } from './engine'
import * as m0001 from './migrations/0001_initial'

/** Migrations are listed here in order; the same files run on PGlite and PostgreSQL. */
const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, provider })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
  }
}
