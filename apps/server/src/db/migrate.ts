import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely'
import type { Db } from './engine'

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/**
 * Every `NNNN_name.ts` file of `migrations/`, in name order; the same files run on both engines.
 * The compiled server (apps/server/build.mjs) reads `dist/migrations/NNNN_name.js` the same way.
 */
const provider: MigrationProvider = {
  async getMigrations() {
    const migrations: Record<string, Migration> = {}
    const files = fs.readdirSync(folder).filter((f) => /^\d{4}_[\w-]+\.[jt]s$/.test(f)).sort()
    for (const file of files) {
      migrations[file.replace(/\.[jt]s$/, '')] = (await import(pathToFileURL(path.join(folder, file)).href)) as Migration
    }
    return migrations
  },
}

/** The migrations this database has run and those it has not (a new version's, before they run). */
export async function migrationState(db: Db): Promise<{ applied: string[]; pending: string[] }> {
  const infos = await new Migrator({ db: db.kysely, provider }).getMigrations()
  return { applied: infos.filter((m) => m.executedAt).map((m) => m.name), pending: infos.filter((m) => !m.executedAt).map((m) => m.name) }
}

export async function migrateToLatest(db: Db): Promise<void> {
  await migrate(db, (migrator) => migrator.migrateToLatest())
}

/** Up (or down) to the named migration: tests of a migration start from the schema before it. */
export async function migrateTo(db: Db, name: string): Promise<void> {
  await migrate(db, (migrator) => migrator.migrateTo(name))
}

async function migrate(db: Db, run: (migrator: Migrator) => Promise<MigrationResultSet>): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, provider })
  const { error, results } = await run(migrator)
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
  }
}
