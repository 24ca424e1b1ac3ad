/** The lint rules that keep one writer per table and modules apart still catch what they are for. */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const eslint = new ESLint({ cwd: root })

async function problems(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`)
}

const PROBE = `
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
export async function probe(db: Kysely<Database>): Promise<void> {
  await db.updateTable('entries').set({ status: 'keyed' }).execute()
  await db.deleteFrom('entry_pages as p').execute()
  await sql\`insert into books (id) values (1)\`.execute(db)
  await db.insertInto('entry_drafts').values({ client_txn_id: 'x' }).execute()
}
`

describe('module boundaries (eslint/module-boundaries.js)', () => {
  it('refuses writes to another module\'s tables, Kysely or raw SQL, and allows the module\'s own', async () => {
    const found = await problems(PROBE, 'apps/server/src/modules/keying/probe.ts')
    expect(found.filter((p) => p.startsWith('no-restricted-syntax'))).toHaveLength(3)
    const own = await problems(PROBE.replace(/entries|entry_pages|books/g, 'entry_drafts'), 'apps/server/src/modules/keying/probe.ts')
    expect(own.filter((p) => p.startsWith('no-restricted-syntax'))).toEqual([])
    const byOwner = await problems(PROBE.replace(/books|entry_drafts/g, 'entries'), 'apps/server/src/modules/entries/probe.ts')
    expect(byOwner.filter((p) => p.startsWith('no-restricted-syntax'))).toEqual([])
  })

  it('refuses importing another module\'s repository or internals, and allows its index', async () => {
    const internal = await problems(`import { createEntriesRepository } from '../entries/repository'\nexport const x = createEntriesRepository\n`, 'apps/server/src/modules/imports/probe.ts')
    expect(internal.some((p) => p.startsWith('no-restricted-imports'))).toBe(true)
    const index = await problems(`import { createEntry } from '../entries'\nexport const x = createEntry\n`, 'apps/server/src/modules/imports/probe.ts')
    expect(index).toEqual([])
  })
})
