/**
 * The database and the code agree: schema.ts declares exactly the columns the migrations make
 * (name, nullability, a coarse type), every CHECK list of a closed vocabulary equals the domain's
 * constant, and a book's rows follow it (migration 0008). Runs on the engine the suite runs on.
 */
import { fileURLToPath } from 'node:url'
import {
  BOOK_CONDITIONS,
  BOOK_TYPE_CODES,
  DECIDED_OUTCOME_CODES,
  DOUBLE_KEYING_OUTCOMES,
  ENTRY_STATUSES,
  EXTRACT_STATUSES,
  FOLLOWUP_STATUS_CODES,
  JOB_STATUSES,
  MATCH_DECISION_CODES,
  MATCH_OUTCOME_CODES,
  NOTE_KIND_CODES,
  NOTE_SOURCES,
  ROLE_CODES,
  PLAN_STATUS_CODES,
} from '@hts/domain'
import { sql, type Kysely } from 'kysely'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshDatabase, startTestServer, type TestServer } from '../test/harness'
import { createBook, unitIdByCode } from '../test/factories'
import { migrateTo, migrateToLatest } from './migrate'
import type { Database } from './schema'

type Kind = 'text' | 'number' | 'boolean' | 'timestamp' | 'json'
interface Column {
  nullable: boolean
  kind: Kind
}
type Tables = Map<string, Map<string, Column>>

/** schema.ts read by the TypeScript checker: each table's columns with the type a select returns. */
function declaredTables(): Tables {
  const file = fileURLToPath(new URL('./schema.ts', import.meta.url))
  const program = ts.createProgram([file], {
    strict: true, noEmit: true, skipLibCheck: true, types: [],
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
  })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(file)
  const database = source?.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database')
  if (!source || !database) throw new Error('schema.ts: no Database interface')
  const members = (type: ts.Type): readonly ts.Type[] => (type.isUnion() ? type.types : [type])
  // ColumnType, Generated and JSONColumnType all carry the selected type in __select__.
  const selected = (type: ts.Type): ts.Type[] =>
    members(type).flatMap((t) => {
      const select = t.getProperty('__select__')
      return select ? members(checker.getTypeOfSymbolAtLocation(select, database)) : [t]
    })
  const kindOf = (t: ts.Type): Kind => {
    if (t.flags & ts.TypeFlags.StringLike) return 'text'
    if (t.flags & ts.TypeFlags.NumberLike) return 'number'
    if (t.flags & ts.TypeFlags.BooleanLike) return 'boolean'
    if (t.getSymbol()?.getName() === 'Date') return 'timestamp'
    return 'json'
  }
  const tables: Tables = new Map()
  for (const table of checker.getTypeAtLocation(database.name).getProperties()) {
    const columns = new Map<string, Column>()
    for (const column of checker.getTypeOfSymbolAtLocation(table, database).getProperties()) {
      const types = selected(checker.getTypeOfSymbolAtLocation(column, database))
      const values = types.filter((t) => !(t.flags & ts.TypeFlags.Null))
      const kinds = [...new Set(values.map(kindOf))]
      if (kinds.length !== 1) throw new Error(`schema.ts: ${table.name}.${column.name} mixes ${kinds.join(', ')}`)
      columns.set(column.name, { nullable: values.length < types.length, kind: kinds[0] ?? 'json' })
    }
    tables.set(table.name, columns)
  }
  return tables
}

const PG_KINDS: Record<string, Kind> = {
  uuid: 'text', text: 'text', varchar: 'text', bpchar: 'text', date: 'text',
  int2: 'number', int4: 'number', int8: 'number', float4: 'number', float8: 'number', numeric: 'number',
  bool: 'boolean', timestamptz: 'timestamp', timestamp: 'timestamp', json: 'json', jsonb: 'json',
}

/** The tables the migrations made (partitions of population_people and Kysely's own tables left out). */
async function migratedTables(db: Kysely<Database>): Promise<Tables> {
  const { rows } = await sql<{ table_name: string; column_name: string; nullable: boolean; type_name: string }>`
    select c.relname as table_name, a.attname as column_name, not a.attnotnull as nullable, t.typname as type_name
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    join pg_type t on t.oid = a.atttypid
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition and c.relname not like 'kysely_migration%'`.execute(db)
  const tables: Tables = new Map()
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? new Map<string, Column>()
    columns.set(row.column_name, { nullable: row.nullable, kind: PG_KINDS[row.type_name] ?? 'json' })
    tables.set(row.table_name, columns)
  }
  return tables
}

function differences(declared: Tables, migrated: Tables): string[] {
  const out: string[] = []
  for (const name of new Set([...declared.keys(), ...migrated.keys()])) {
    const d = declared.get(name)
    const m = migrated.get(name)
    if (!d) out.push(`${name}: made by the migrations, missing from schema.ts`)
    else if (!m) out.push(`${name}: in schema.ts, no migration makes it`)
    else {
      for (const column of new Set([...d.keys(), ...m.keys()])) {
        const dc = d.get(column)
        const mc = m.get(column)
        if (!dc) out.push(`${name}.${column}: made by the migrations, missing from schema.ts`)
        else if (!mc) out.push(`${name}.${column}: in schema.ts, no migration makes it`)
        else if (dc.kind !== mc.kind || dc.nullable !== mc.nullable) {
          out.push(`${name}.${column}: schema.ts ${dc.kind}${dc.nullable ? ' | null' : ''}, database ${mc.kind}${mc.nullable ? ' | null' : ''}`)
        }
      }
    }
  }
  return out
}

/** Every closed vocabulary the database checks, and the domain constant it must equal. */
const VOCABULARIES: Record<string, readonly string[]> = {
  'books.book_type': BOOK_TYPE_CODES,
  'imports.book_type': BOOK_TYPE_CODES,
  'import_mappings.book_type': BOOK_TYPE_CODES,
  'books.condition': Object.keys(BOOK_CONDITIONS),
  'entries.status': Object.keys(ENTRY_STATUSES),
  'entry_revisions.status': Object.keys(ENTRY_STATUSES),
  'users.role': ROLE_CODES,
  'jobs.status': Object.keys(JOB_STATUSES),
  'population_extracts.status': Object.keys(EXTRACT_STATUSES),
  'reconciliation_results.outcome': MATCH_OUTCOME_CODES,
  'reconciliation_results.decision': MATCH_DECISION_CODES,
  'reconciliation_results.final_outcome': DECIDED_OUTCOME_CODES,
  'followup_cases.status': FOLLOWUP_STATUS_CODES,
  'followup_notes.from_status': FOLLOWUP_STATUS_CODES,
  'followup_notes.to_status': FOLLOWUP_STATUS_CODES,
  'entry_notes.kind': NOTE_KIND_CODES,
  'entry_notes.source': Object.keys(NOTE_SOURCES),
  'campaign_plans.status': PLAN_STATUS_CODES,
  'second_keyings.outcome': Object.keys(DOUBLE_KEYING_OUTCOMES),
}

/** The quoted values of each single-column CHECK, by table.column. */
async function checkLists(db: Kysely<Database>): Promise<Map<string, string[]>> {
  const { rows } = await sql<{ table_name: string; column_name: string; definition: string }>`
    select c.relname as table_name, a.attname as column_name, pg_get_constraintdef(k.oid) as definition
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.conkey[1]
    where k.contype = 'c' and n.nspname = 'public' and cardinality(k.conkey) = 1 and not c.relispartition`.execute(db)
  const lists = new Map<string, string[]>()
  for (const row of rows) {
    const values = [...row.definition.matchAll(/'((?:[^']|'')*)'/g)].map((m) => (m[1] ?? '').replaceAll("''", "'"))
    if (values.length > 0) lists.set(`${row.table_name}.${row.column_name}`, values.sort())
  }
  return lists
}

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => server?.close())

describe('schema.ts and the migrations', () => {
  it('declare the same tables and columns, with the same nullability and kind of value', async () => {
    expect(differences(declaredTables(), await migratedTables(server.db.kysely))).toEqual([])
  })

  it('tells a column added by a migration but not declared, and the other way round', () => {
    const declared: Tables = new Map([['books', new Map([['id', { nullable: false, kind: 'text' }]])]])
    const migrated: Tables = new Map([['books', new Map([['id', { nullable: false, kind: 'text' }], ['shelf', { nullable: true, kind: 'text' }]])]])
    expect(differences(declared, migrated)).toEqual(['books.shelf: made by the migrations, missing from schema.ts'])
    expect(differences(migrated, declared)).toEqual(['books.shelf: in schema.ts, no migration makes it'])
  })
})

describe('closed vocabularies', () => {
  it('each CHECK list equals its domain constant: a new value needs a migration', async () => {
    const lists = await checkLists(server.db.kysely)
    const found = Object.fromEntries(Object.keys(VOCABULARIES).map((key) => [key, lists.get(key) ?? null]))
    const expected = Object.fromEntries(Object.entries(VOCABULARIES).map(([key, values]) => [key, [...values].sort()]))
    expect(found).toEqual(expected)
  })

  it('refuses a value outside the list', async () => {
    const user = await server.db.kysely.selectFrom('users').select('id').where('username', '=', 'tuphap.anphu').executeTakeFirstOrThrow()
    await expect(server.db.kysely.updateTable('users').set({ role: 'superuser' }).where('id', '=', user.id).execute()).rejects.toThrow(/users_role_check/)
  })
})

describe("a book's entries follow it", () => {
  let volumes = 50
  const nextVolume = () => `${volumes++}/2024`
  async function bookWithEntry() {
    // The district officer's scope holds two communes: a book can move between them.
    const officer = await server.login('phongtuphap')
    const book = await createBook(officer, server, '98101', { volume: nextVolume() })
    const hoaLac = await unitIdByCode(server, '98101')
    const entry = await server.db.kysely
      .insertInto('entries')
      .values({ book_id: book.id, custodian_unit_id: hoaLac, book_type: 'KS', status: 'draft', fields: JSON.stringify({ so: '1' }) })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { officer, book, entryId: entry.id }
  }

  it('a book handed to another unit takes its entries along', async () => {
    const { officer, book, entryId } = await bookWithEntry()
    const binhAn = await unitIdByCode(server, '98102')
    const moved = await officer.patch(`/api/books/${book.id}`, { custodianUnitId: binhAn, version: book.version })
    expect(moved.status).toBe(200)
    const entry = await server.db.kysely.selectFrom('entries').select(['custodian_unit_id', 'book_type']).where('id', '=', entryId).executeTakeFirstOrThrow()
    expect(entry).toEqual({ custodian_unit_id: binhAn, book_type: 'KS' })
  })

  it('a book with entries keeps its type (409, in Vietnamese); an empty one may change it', async () => {
    const { officer, book } = await bookWithEntry()
    const refused = await officer.patch(`/api/books/${book.id}`, { bookType: 'KT', version: book.version })
    expect(refused.status).toBe(409)
    expect(refused.body.message).toMatch(/không đổi được loại sổ/)
    const empty = await createBook(officer, server, '98101', { volume: nextVolume() })
    expect((await officer.patch(`/api/books/${empty.id}`, { bookType: 'KT', version: empty.version })).status).toBe(200)
  })

  it('an entry cannot claim another unit or type than its book', async () => {
    const { book } = await bookWithEntry()
    const binhAn = await unitIdByCode(server, '98102')
    const insert = (custodian: string, bookType: string) =>
      server.db.kysely.insertInto('entries').values({ book_id: book.id, custodian_unit_id: custodian, book_type: bookType, status: 'draft', fields: '{}' }).execute()
    await expect(insert(binhAn, 'KS')).rejects.toThrow(/entries_book_custodian_fk/)
    await expect(insert(await unitIdByCode(server, '98101'), 'KT')).rejects.toThrow(/entries_book_type_fk/)
  })
})

describe('migration 0008 on an existing database', () => {
  it('aligns entries that drifted from their book, audited, then adds the constraints', async () => {
    const { db, dispose } = await freshDatabase()
    try {
      await migrateTo(db, '0007_reconciliation_reopen')
      const unit = await sql<{ id: string }>`insert into administrative_units (code, name, name_folded, level) values ('99', 'Tỉnh Thử', 'tinh thu', 'province') returning id`.execute(db.kysely)
      const other = await sql<{ id: string }>`insert into administrative_units (code, name, name_folded, level) values ('98', 'Tỉnh Khác', 'tinh khac', 'province') returning id`.execute(db.kysely)
      const unitId = unit.rows[0]?.id
      const otherId = other.rows[0]?.id
      const book = await sql<{ id: string }>`insert into books (book_type, volume, year, issuing_authority, custodian_unit_id) values ('KS', '01/2020', 2020, 'UBND', ${unitId}) returning id`.execute(db.kysely)
      const bookId = book.rows[0]?.id
      // Left by the old books update: the book changed unit and type, its entry did not.
      const entry = await sql<{ id: string }>`insert into entries (book_id, custodian_unit_id, book_type, status, fields) values (${bookId}, ${otherId}, 'KT', 'draft', '{}') returning id`.execute(db.kysely)
      const entryId = entry.rows[0]?.id
      await migrateToLatest(db)
      const after = await db.kysely.selectFrom('entries').select(['custodian_unit_id', 'book_type']).where('id', '=', entryId ?? '').executeTakeFirstOrThrow()
      expect(after).toEqual({ custodian_unit_id: unitId, book_type: 'KS' })
      const audit = await db.kysely.selectFrom('audit_events').select(['action', 'details']).where('entity_id', '=', entryId ?? '').execute()
      expect(audit).toMatchObject([{ action: 'entry.realign', details: { from: { bookType: 'KT', custodianUnitId: otherId }, to: { bookType: 'KS', custodianUnitId: unitId } } }])
    } finally {
      await dispose()
    }
  })
})
