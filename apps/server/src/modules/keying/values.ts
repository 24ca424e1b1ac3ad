import { getBookType, isBookTypeCode } from '@hts/domain'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { HttpError } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BookRow } from '../books'

/** Suggestions for one field: values already keyed in the book, then administrative unit names. */
const MAX_BOOK_VALUES = 300

type Suggestion = { value: string; count: number; source: 'field' | 'book' | 'unit' }

/**
 * Values for a place or free-text field of the workbench's autocomplete: the values of this field
 * in the book (most used first), then the same kind of values from the book's other fields of that
 * kind (a mother's residence is often the child's birthplace), and for places the names of the
 * administrative units of the book's province ("Xã An Phú, Huyện ..., Tỉnh ..."), old ones included
 * because books write the name of their day.
 */
export async function fieldValues(db: Kysely<Database>, user: AuthUser, book: BookRow, fieldKey: string): Promise<Suggestion[]> {
  if (!isBookTypeCode(book.book_type)) throw new Error(`Unknown book type ${book.book_type}`)
  const fields = getBookType(book.book_type).fields
  const target = fields.find((f) => f.key === fieldKey)
  if (!target || (target.kind !== 'place' && target.kind !== 'text')) {
    throw new HttpError(400, 'validation', `Ô "${fieldKey}" không có gợi ý (chỉ ô địa danh hoặc chữ của loại sổ này).`, { fieldErrors: { field: 'Chọn một ô địa danh hoặc chữ' } })
  }
  const sameKind = fields.filter((f) => f.kind === target.kind).map((f) => f.key)
  // Free text of other columns means other things (a signer is not a note): pool only places.
  const keys = target.kind === 'place' ? sameKind : [fieldKey]
  const rows = await sql<{ value: string; n: number; same: boolean }>`
    select v.value, count(*)::int as n, bool_or(v.key = ${fieldKey}) as same
    from entries e, jsonb_each_text(e.fields) as v(key, value)
    where e.book_id = ${book.id} and v.key in (${sql.join(keys)})
    group by v.value
    order by bool_or(v.key = ${fieldKey}) desc, count(*) desc, v.value
    limit ${MAX_BOOK_VALUES}`.execute(db)
  const out: Suggestion[] = rows.rows.map((r) => ({ value: r.value, count: r.n, source: r.same ? 'field' : 'book' }))
  if (target.kind === 'place') {
    const seen = new Set(out.map((s) => s.value))
    for (const name of await provinceUnitNames(db, book.custodian_unit_id)) {
      if (!seen.has(name)) out.push({ value: name, count: 0, source: 'unit' })
    }
  }
  await recordAudit(db, actorOf(user), {
    action: 'book.values', entityType: 'book', entityId: book.id,
    details: { field: fieldKey, returned: out.filter((s) => s.source !== 'unit').length },
  })
  return out
}

/** "Xã An Phú, Huyện Bình Sơn, Tỉnh Sơn Hà" for every commune (and district) of the unit's province. */
async function provinceUnitNames(db: Kysely<Database>, unitId: string): Promise<string[]> {
  const rows = await sql<{ id: string; name: string; level: string; parent_id: string | null }>`
    with recursive up as (
      select id, parent_id, level from administrative_units where id = ${unitId}
      union all
      select u.id, u.parent_id, u.level from administrative_units u join up on u.id = up.parent_id
    ),
    province as (select id from up where level = 'province' limit 1),
    down as (
      select u.id, u.name, u.level, u.parent_id from administrative_units u where u.id in (select id from province)
      union all
      select u.id, u.name, u.level, u.parent_id from administrative_units u join down on u.parent_id = down.id
    )
    select id, name, level, parent_id from down`.execute(db)
  const byId = new Map(rows.rows.map((r) => [r.id, r]))
  const full = (id: string): string => {
    const parts: string[] = []
    for (let u = byId.get(id); u; u = u.parent_id ? byId.get(u.parent_id) : undefined) parts.push(u.name)
    return parts.join(', ')
  }
  return rows.rows.filter((r) => r.level !== 'province').sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((r) => full(r.id))
}
