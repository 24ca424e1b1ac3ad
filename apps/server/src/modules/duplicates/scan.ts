/**
 * The scan over a unit's registers (or one book): blocks of entries that share a số in a year, a
 * folded name or a birth date, compared pair by pair with the domain's `compareEntries` (the same
 * comparators as the workbench's check and reconciliation). Blocks are found by the database
 * (GROUP BY on indexed columns); only entries in a block are read and compared.
 */
import { sql, type Kysely } from 'kysely'
import { compareEntries, foldKey, getBookType, isBookTypeCode, type BookTypeCode, type FieldAgreement } from '@hts/domain'
import type { Database } from '../../db/schema'

/** A name or date shared by more entries than this is a common name, not a duplicate: too many pairs to mean anything. */
export const MAX_BLOCK = 200
const READ_CHUNK = 2_000

export interface ScanScope {
  unitId: string
  bookId?: string | undefined
  /** Several books at once (the books an import wrote): blocks touching any of them. */
  bookIds?: readonly string[] | undefined
}

export interface FoundPair {
  bookType: BookTypeCode
  a: string
  b: string
  sameNumber: boolean
  sameEvent: boolean
  fields: FieldAgreement[]
}

/** Folded first and last word of the subject's name: a pair sharing neither is not worth comparing. */
function nameEnds(bookType: BookTypeCode, fields: Record<string, string>): [string, string] {
  const words = foldKey(fields[getBookType(bookType).subject.nameKey] ?? '').split(' ').filter(Boolean)
  return [words[0] ?? '', words[words.length - 1] ?? '']
}

interface Block {
  book_type: string
  ids: string[]
}

/** Entries of a unit per bucket of blocks: one GROUP BY holds at most about this many ids (1M entries: 10 buckets). */
export const BUCKET_ENTRIES = 100_000
/** Entries whose fields are read and compared at once, before the job yields and checks for a cancel. */
const SLICE_IDS = 2_000

/**
 * Blocks of one key, limited to those touching the book(s) when books are scanned; `bucket` of
 * `buckets` takes the groups whose key hashes there (a group's members share their key, so a group is
 * never split), so that a unit of a million entries is read in parts of bounded size.
 */
async function blocks(db: Kysely<Database>, scope: ScanScope, key: Key, bucket: number, buckets: number): Promise<Block[]> {
  const books = [...(scope.bookId ? [scope.bookId] : []), ...(scope.bookIds ?? [])]
  const touchesBook = books.length > 0 ? sql`and bool_or(e.book_id = any(${books}::uuid[]))` : sql``
  const groupBy = {
    // Numbering runs per registration authority (Decree 158/2005 art. 68), as the numbering check counts it.
    number: sql`e.book_type, b.issuing_authority, e.registration_year, e.so`,
    name: sql`e.book_type, e.subject_name_folded`,
    birth: sql`e.book_type, e.subject_birth_date`,
  }[key]
  const present = {
    number: sql`e.so is not null and e.registration_year is not null`,
    name: sql`e.subject_name_folded is not null`,
    birth: sql`e.subject_birth_date is not null and e.subject_birth_precision = 'day'`,
  }[key]
  const hashed = {
    number: sql`e.registration_year::text || '/' || e.so::text`,
    name: sql`e.subject_name_folded`,
    birth: sql`e.subject_birth_date::text`,
  }[key]
  const inBucket = buckets > 1 ? sql`and abs(hashtext(${hashed}) % ${buckets}) = ${bucket}` : sql``
  const result = await sql<Block>`
    select e.book_type, array_agg(e.id order by e.id) as ids
    from entries e join books b on b.id = e.book_id
    where e.custodian_unit_id = ${scope.unitId} and e.status <> 'withdrawn' and ${present} ${inBucket}
    group by ${groupBy}
    having count(*) > 1 and count(*) <= ${MAX_BLOCK} ${touchesBook}`.execute(db)
  return result.rows
}

/** Consecutive blocks holding about `size` ids together (a block is never split). */
function* slices(found: readonly Block[], size: number): Generator<Block[]> {
  let slice: Block[] = []
  let ids = 0
  for (const block of found) {
    slice.push(block)
    ids += block.ids.length
    if (ids >= size) {
      yield slice
      slice = []
      ids = 0
    }
  }
  if (slice.length > 0) yield slice
}

async function fieldsOf(db: Kysely<Database>, ids: string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>()
  for (let i = 0; i < ids.length; i += READ_CHUNK) {
    const rows = await db.selectFrom('entries').select(['id', 'fields']).where('id', 'in', ids.slice(i, i + READ_CHUNK)).execute()
    for (const row of rows) out.set(row.id, row.fields)
  }
  return out
}

type Key = 'number' | 'name' | 'birth'

/** What the scan has found so far: pairs by key, and those sharing a số (marked at the end). */
interface Found {
  pairs: Map<string, FoundPair>
  numberPairs: Set<string>
}

const keyOf = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`)

/** Compares the pairs of one block with the fields read for its slice, adding what is worth a look. */
function compareBlock(key: Key, block: Block, fields: Map<string, Record<string, string>>, found: Found): void {
  if (!isBookTypeCode(block.book_type)) return
  const bookType = block.book_type
  // A birth-date block holds a day's births: only pairs whose names share a surname or a given name.
  const ends = key === 'birth' ? block.ids.map((id) => nameEnds(bookType, fields.get(id) ?? {})) : []
  for (let i = 0; i < block.ids.length; i++) {
    for (let j = i + 1; j < block.ids.length; j++) {
      const [a, b] = [block.ids[i] as string, block.ids[j] as string]
      const pairKey = keyOf(a, b)
      if (key === 'number') found.numberPairs.add(pairKey)
      if (found.pairs.has(pairKey)) continue
      const [x, y] = [ends[i], ends[j]]
      if (x && y && x[0] !== y[0] && x[1] !== y[1]) continue
      const comparison = compareEntries(bookType, fields.get(a) ?? {}, fields.get(b) ?? {})
      if (key !== 'number' && !comparison.likely) continue
      const [lo, hi] = a < b ? [a, b] : [b, a]
      found.pairs.set(pairKey, { bookType, a: lo, b: hi, sameNumber: false, sameEvent: comparison.likely, fields: comparison.fields })
    }
  }
}

/**
 * Every pair worth an officer's look: the same số (always shown: the register cannot hold it twice
 * without a reason), or likely the same event. `checkpoint` runs between slices of about 2,000
 * entries and after each bucket (cancel, shutdown, and a turn of the event loop: the server answers
 * while a unit of a million entries is scanned, and only one slice's fields are in memory at a time).
 */
export async function scanDuplicates(
  db: Kysely<Database>,
  scope: ScanScope,
  checkpoint: (stage: string, pairs: number) => Promise<void>,
  bucketEntries = BUCKET_ENTRIES,
): Promise<FoundPair[]> {
  const found: Found = { pairs: new Map(), numberPairs: new Set() }
  const { count } = await db.selectFrom('entries').select((eb) => eb.fn.countAll<string>().as('count')).where('custodian_unit_id', '=', scope.unitId).executeTakeFirstOrThrow()
  const buckets = Math.max(1, Math.ceil(Number(count) / bucketEntries))
  for (const key of ['number', 'name', 'birth'] as const) {
    for (let bucket = 0; bucket < buckets; bucket++) {
      for (const slice of slices(await blocks(db, scope, key, bucket, buckets), SLICE_IDS)) {
        const fields = await fieldsOf(db, [...new Set(slice.flatMap((b) => b.ids))])
        for (const block of slice) compareBlock(key, block, fields, found)
        await checkpoint(key, found.pairs.size)
      }
      await checkpoint(key, found.pairs.size)
    }
  }
  for (const [key, pair] of found.pairs) pair.sameNumber = found.numberPairs.has(key)
  return [...found.pairs.values()]
}
