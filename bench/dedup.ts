/**
 * Duplicate detection over a synthetic registry with planted duplicates (issue 12):
 *
 *   npm run bench:dedup -- --entries 100000 [--rate 0.02] [--seed 7]
 *
 * One commune's birth books, one per year from 1975, loaded straight into the database (setup, not
 * timed). A share of the entries is keyed a second time, as from the book's duplicate copy or a
 * second import, with the slips of a second keyer. The generator's slips are its own (written
 * without the comparators' levels in mind): accents dropped or the old tone placement, the mother's
 * or child's middle name dropped, one letter wrong, day and month swapped, the registration date of
 * the copy, the father or his birth year missing. Hard negatives are planted too: twins (same
 * parents and birth date, other given name), younger siblings given the same name after a child died,
 * namesakes born the same day to other parents. Timed: the officer's scan, from the request to the
 * finished job through the HTTP API. Precision and recall count "same event" pairs against the plant.
 * Last line: `dedup: precision P%, recall R%, E entries/s (engine)`.
 */
import { sql } from 'kysely'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { derivedColumns } from '../apps/server/src/modules/entries'
import { BenchClient, startBenchServer } from './lib/bench-server'
import { buildSyntheticBirth } from './lib/birth-entries'
import { typo } from './lib/corruptions'
import { Random } from './lib/random'
import { OLD_TONE_STYLE } from './lib/vietnamese-names'

const { values: args } = parseArgs({ options: { entries: { type: 'string', default: '2000' }, rate: { type: 'string', default: '0.02' }, seed: { type: 'string', default: '7' }, explain: { type: 'boolean', default: false } } })
const total = Number(args.entries)
const rate = Number(args.rate)
const FIRST_YEAR = 1975
const PER_BOOK = Math.max(200, Math.ceil(total / 50))

const pad = (n: number) => String(n).padStart(2, '0')
const stripMarks = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
const oldTones = (s: string) => s.split(' ').map((w) => OLD_TONE_STYLE[w] ?? w).join(' ')
const dropMiddle = (s: string) => { const w = s.split(' '); return w.length > 2 ? `${w[0]} ${w[w.length - 1]}` : s }

/** The second keyer's copy of an entry: their own slips, at rates of our own estimate. */
function secondCopy(r: Random, f: Record<string, string>, so: string): Record<string, string> {
  const c: Record<string, string> = { ...f, so }
  if (r.chance(0.25)) c.nksHoTen = stripMarks(c.nksHoTen ?? '').toUpperCase()
  else if (r.chance(0.15)) c.nksHoTen = oldTones(c.nksHoTen ?? '')
  if (r.chance(0.08)) c.nksHoTen = typo(r, c.nksHoTen ?? '')
  if (r.chance(0.06)) c.nksHoTen = dropMiddle(c.nksHoTen ?? '')
  if (r.chance(0.2)) c.meHoTen = dropMiddle(c.meHoTen ?? '')
  if (r.chance(0.1)) c.meHoTen = stripMarks(c.meHoTen ?? '')
  if (r.chance(0.12)) delete c.chaHoTen
  if (r.chance(0.2)) delete c.chaNgaySinh
  if (r.chance(0.5)) c.ngayDangKy = c.ngayDangKy?.replace(/^\d\d/, (d) => pad(Math.min(28, Number(d) + r.int(1, 5)))) ?? ''
  const born = c.nksNgaySinh?.match(/^(\d\d)\.(\d\d)\.(\d{4})$/)
  if (born && r.chance(0.03) && Number(born[1]) <= 12) c.nksNgaySinh = `${born[2]}.${born[1]}.${born[3]}`
  return c
}

interface Row { book: number; fields: Record<string, string>; origin: number }

const dotted = (d: Date) => `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`

/** A birth of the book's year, dates spread over the year as a big commune registers them (the shared generator packs them into days). */
function birthOf(r: Random, so: number, year: number): Record<string, string> {
  const fields = buildSyntheticBirth(r, so, year, `01/${year}`)
  const registered = new Date(Date.UTC(year, 0, 1 + Math.floor((so / (PER_BOOK + 1)) * 364)))
  const born = new Date(registered.getTime() - r.int(0, 75) * 86_400_000)
  return { ...fields, ngayDangKy: dotted(registered), nksNgaySinh: dotted(born) }
}

/** The register: entries, planted copies (origin = index of the original) and hard negatives (origin -1). */
function generate(r: Random): { rows: Row[]; planted: number } {
  const rows: Row[] = []
  const books = Math.max(1, Math.ceil(total / PER_BOOK))
  let planted = 0
  for (let b = 0; b < books && rows.length < total; b++) {
    const year = FIRST_YEAR + b
    for (let so = 1; so <= PER_BOOK && rows.length < total; so++) {
      const fields = birthOf(r, so, year)
      rows.push({ book: b, fields, origin: -1 })
      const roll = r.next()
      if (roll < rate && rows.length < total) {
        rows.push({ book: b, fields: secondCopy(r, fields, r.chance(0.6) ? String(so) : String(PER_BOOK + so)), origin: rows.length - 1 })
        planted++
      } else if (roll < rate * 1.5 && rows.length < total) {
        // Twins: same parents and day, another given name.
        const given = r.pick(['An', 'Bình', 'Hòa', 'Lan', 'Minh', 'Ngọc'])
        const twin = fields.nksHoTen?.replace(/\S+$/, given) ?? given
        if (stripMarks(twin).toLowerCase() !== stripMarks(fields.nksHoTen ?? '').toLowerCase()) rows.push({ book: b, fields: { ...fields, so: String(PER_BOOK * 2 + so), nksHoTen: twin }, origin: -1 })
      } else if (roll < rate * 2 && rows.length < total) {
        // A younger sibling given the same name, born years later to the same parents.
        const later = { ...birthOf(r, so, year + 3), nksHoTen: fields.nksHoTen ?? '', meHoTen: fields.meHoTen ?? '', chaHoTen: fields.chaHoTen ?? '' }
        rows.push({ book: b, fields: { ...later, so: String(PER_BOOK * 3 + so) }, origin: -1 })
      } else if (roll < rate * 2.5 && rows.length < total) {
        // A namesake born the same day to other parents.
        const other = birthOf(r, so, year)
        rows.push({ book: b, fields: { ...other, so: String(PER_BOOK * 4 + so), nksHoTen: fields.nksHoTen ?? '', nksNgaySinh: fields.nksNgaySinh ?? '' }, origin: -1 })
      }
    }
  }
  return { rows, planted }
}

async function main() {
  const r = new Random(Number(args.seed))
  const { rows, planted } = generate(r)
  const server = await startBenchServer()
  try {
    const setup = await BenchClient.login(server.url, 'tuphap.anphu')
    const me = (await setup.request('GET', '/api/auth/me')).body.user as { id: string; unit: { id: string } }
    const unitId = me.unit.id
    const bookIds: string[] = []
    // A loop, not Math.max(...rows): a spread of a million arguments overflows the stack.
    const lastBook = rows.reduce((last, x) => Math.max(last, x.book), 0)
    for (let b = 0; b <= lastBook; b++) {
      const year = FIRST_YEAR + b
      const book = await setup.request('POST', '/api/books', { bookType: 'KS', volume: `01/${year}`, year, issuingAuthority: 'UBND xã An Phú', custodianUnitId: unitId })
      if (book.status !== 201) throw new Error(`book: ${book.status} ${JSON.stringify(book.body)}`)
      bookIds.push(String(book.body.id))
    }
    const loadStart = performance.now()
    const ids: string[] = []
    const CHUNK = 1000
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = rows.slice(i, i + CHUNK).map((row) => ({
        book_id: bookIds[row.book] as string, custodian_unit_id: unitId, book_type: 'KS', status: 'keyed',
        fields: JSON.stringify(row.fields), ...derivedColumns('KS', row.fields), created_by: me.id, updated_by: me.id, keyed_by: me.id, content_changed_by: me.id,
      }))
      const inserted = await server.db.kysely.insertInto('entries').values(values).returning('id').execute()
      ids.push(...inserted.map((x) => x.id))
    }
    await sql`analyze entries`.execute(server.db.kysely)
    console.log(`loaded ${rows.length} entries (${planted} planted duplicates) in ${((performance.now() - loadStart) / 1000).toFixed(1)} s (setup, not timed)`)

    // After a long load the pooled connection may have been closed by the server as fetch reuses it
    // (ECONNRESET, seen at 1M entries): a login is safe to send again.
    const officer = await BenchClient.login(server.url, 'tuphap.anphu').catch(() => BenchClient.login(server.url, 'tuphap.anphu'))
    const started = performance.now()
    const scan = await officer.request('POST', '/api/duplicates/scan', { unitId })
    if (scan.status !== 202) throw new Error(`scan: ${scan.status} ${JSON.stringify(scan.body)}`)
    let job: Record<string, unknown> = {}
    for (;;) {
      job = (await officer.request('GET', `/api/jobs/${String(scan.body.jobId)}`)).body
      if (['succeeded', 'failed', 'cancelled'].includes(String(job.status))) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const seconds = (performance.now() - started) / 1000
    if (job.status !== 'succeeded') throw new Error(`scan job ${String(job.status)}: ${String(job.error)}`)

    const truth = new Set<string>()
    rows.forEach((row, i) => { if (row.origin >= 0) truth.add([ids[row.origin], ids[i]].sort().join('|')) })
    const found = await server.db.kysely.selectFrom('duplicate_pairs').select(['entry_a', 'entry_b', 'same_number']).where('same_event', '=', true).execute()
    const hits = found.filter((p) => truth.has(`${p.entry_a}|${p.entry_b}`)).length
    const precision = found.length ? (100 * hits) / found.length : 100
    const recall = truth.size ? (100 * hits) / truth.size : 100
    if (args.explain) {
      const byId = new Map(ids.map((id, i) => [id, rows[i]?.fields]))
      const brief = (f: Record<string, string> | undefined) => [f?.nksHoTen, f?.nksNgaySinh, f?.meHoTen, f?.chaHoTen, f?.ngayDangKy].join(' / ')
      for (const p of found.filter((x) => !truth.has(`${x.entry_a}|${x.entry_b}`)).slice(0, 8)) console.log(`wrong: ${brief(byId.get(p.entry_a))}  ≈  ${brief(byId.get(p.entry_b))}`)
      const foundKeys = new Set(found.map((p) => `${p.entry_a}|${p.entry_b}`))
      for (const t of [...truth].filter((k) => !foundKeys.has(k)).slice(0, 8)) { const [a, b] = t.split('|'); console.log(`missed: ${brief(byId.get(a ?? ''))}  ≈  ${brief(byId.get(b ?? ''))}`) }
    }
    const numberPairs = await server.db.kysely.selectFrom('duplicate_pairs').select((eb) => eb.fn.countAll<number>().as('n')).where('same_number', '=', true).executeTakeFirstOrThrow()
    console.log(`scan: ${seconds.toFixed(1)} s for ${rows.length} entries; ${found.length} same-event pairs (${hits} planted of ${truth.size}), ${Number(numberPairs.n)} same-number pairs; job result ${JSON.stringify(job.result)}`)
    console.log(`dedup: precision ${precision.toFixed(2)}%, recall ${recall.toFixed(2)}%, ${Math.round(rows.length / seconds)} entries/s (${server.engine})`)
  } finally {
    await server.close()
  }
}

await main()
