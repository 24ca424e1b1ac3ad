import { sql, type Expression, type Kysely, type SqlBool } from 'kysely'
import type { Database } from '../../db/schema'

/**
 * Queries of the audit screen. Every list is newest first on (occurred_at, id) and pages by keyset
 * (`(occurred_at, id) < cursor`), so each page is one short walk down an index of migration 0017,
 * whatever the size of the trail and however deep the page.
 */

/**
 * The ids and personal IDs a row's details name: list reads (`returned`, `entryIds`), single reads of
 * something about an entry (`entryId`), searches and decisions naming a personal ID. Must stay the
 * expression of the GIN index `audit_events_subjects` (migration 0017) word for word.
 */
const SUBJECTS_SQL = `(jsonb_path_query_array(details, 'lax $.returned[*]') || jsonb_path_query_array(details, 'lax $.entryIds[*]')
  || jsonb_path_query_array(details, 'lax $.entryId') || jsonb_path_query_array(details, 'lax $.query.personalId')
  || jsonb_path_query_array(details, 'lax $.personalId'))`

/** Vietnam has no daylight saving: a calendar day there is [00:00+07, next day 00:00+07). */
const dayStart = (date: string) => `${date}T00:00:00+07:00`
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** The windows `about` searches, in days back from its upper bound; past the last, no bound. */
const ABOUT_WINDOW_DAYS = [7, 35, 175, 875] as const

export interface Cursor {
  /** occurred_at as the database wrote it (microseconds kept: a JavaScript Date would lose them). */
  at: string
  id: string
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, 'utf8').toString('base64url')
}

/** The cursor, or undefined when it is not one of ours. */
export function decodeCursor(text: string): Cursor | undefined {
  const [at, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|')
  if (rest.length > 0 || !at || !id || !/^\d{1,19}$/.test(id) || !/^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d{1,6})?([+-]\d\d(:?\d\d)?|Z)?$/.test(at)) return undefined
  return { at, id }
}

/** Which rows a reader may see, besides the filters. */
export interface ReadScope {
  /** Units whose rows (by the acting user's unit) the reader sees: their unit and those below. */
  unitIds: readonly string[]
  /** Rows without a unit (unknown usernames at login, the system's own jobs): for a top-level reader only. */
  withoutUnit: boolean
}

export interface RowFilter {
  userId?: string | undefined
  /** Acting unit among these (the filter's unit and the units below it). */
  unitIds?: readonly string[] | undefined
  action?: string | undefined
  entityType?: string | undefined
  entityId?: string | undefined
  from?: string | undefined
  to?: string | undefined
}

/** What "who has looked at / changed this" matches: entities, and ids or personal IDs named in the details. */
export interface SubjectMatch {
  entities: Array<{ type: string; ids: readonly string[] }>
  /** Rows whose details name one of these (any acting unit: an entry's id names that entry only). */
  named: readonly string[]
  /** Rows whose details name one of these, by an acting unit in the reader's scope (a personal ID, searched anywhere). */
  namedInScope: readonly string[]
}

export interface AuditRow {
  id: string
  occurred_at: Date | string
  at_text: string
  user_id: string | null
  username: string | null
  user_name: string | null
  unit_id: string | null
  unit_name: string | null
  action: string
  entity_type: string
  entity_id: string | null
  details: unknown
  ip: string | null
}

export function createAuditRepository(db: Kysely<Database>) {
  const base = () =>
    db
      .selectFrom('audit_events as a')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .leftJoin('administrative_units as un', 'un.id', 'a.unit_id')
      .select([
        sql<string>`a.id::text`.as('id'),
        'a.occurred_at',
        sql<string>`a.occurred_at::text`.as('at_text'),
        'a.user_id',
        'u.username',
        'u.full_name as user_name',
        'a.unit_id',
        'un.name as unit_name',
        'a.action',
        'a.entity_type',
        'a.entity_id',
        'a.details',
        'a.ip',
      ])

  const inUnits = (ids: readonly string[], alias = 'a') => sql<SqlBool>`${sql.ref(`${alias}.unit_id`)} = any(${[...ids]}::uuid[])`
  const inScope = (scope: ReadScope, alias = 'a'): Expression<SqlBool> =>
    scope.withoutUnit ? sql<SqlBool>`(${inUnits(scope.unitIds, alias)} or ${sql.ref(`${alias}.unit_id`)} is null)` : inUnits(scope.unitIds, alias)
  // SUBJECTS_SQL names `details` unqualified (the GIN index's expression): the innermost row's, a branch's below.
  const names = (value: string) => sql<SqlBool>`${sql.raw(SUBJECTS_SQL)} @> ${JSON.stringify([value])}::jsonb`

  function page(conditions: Array<Expression<SqlBool>>, range: { from?: string | undefined; to?: string | undefined }, cursor: Cursor | undefined, limit: number) {
    let query = base()
    for (const condition of conditions) query = query.where(condition)
    if (range.from) query = query.where('a.occurred_at', '>=', new Date(dayStart(range.from)))
    if (range.to) query = query.where('a.occurred_at', '<', new Date(dayStart(nextDay(range.to))))
    if (cursor) query = query.where(sql<SqlBool>`(a.occurred_at, a.id) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)`)
    return query.orderBy('a.occurred_at', 'desc').orderBy('a.id', 'desc').limit(limit)
  }

  function listQuery(scope: ReadScope, filter: RowFilter, cursor: Cursor | undefined, limit: number) {
    const conditions: Array<Expression<SqlBool>> = [inScope(scope)]
    if (filter.unitIds) conditions.push(inUnits(filter.unitIds))
    if (filter.userId) conditions.push(sql<SqlBool>`a.user_id = ${filter.userId}`)
    if (filter.action) conditions.push(sql<SqlBool>`a.action = ${filter.action}`)
    if (filter.entityType) conditions.push(sql<SqlBool>`a.entity_type = ${filter.entityType}`)
    if (filter.entityId) conditions.push(sql<SqlBool>`a.entity_id = ${filter.entityId}`)
    return page(conditions, filter, cursor, limit)
  }

  /**
   * Rows about a subject, each way a row can name it on its own index: its own entity (and a page of
   * it) through `audit_events_entity_time`, newest first after the cursor and cut at `limit`; the
   * details' lists of ids through the GIN `audit_events_subjects`, every row naming it with no order
   * asked, else the planner, guessing thousands of matches, walks `audit_events_time` backwards testing
   * every row. The page is the newest `limit` of their union. One OR over the whole table took 1.5-4 s
   * at 10M-50M rows (bench:audit).
   * `since` bounds the GIN branches to a recent window: the trail is appended in time order, so the
   * BRIN index on occurred_at (migration 0037) keeps the heap pages of the window only, and an entry
   * listed 14,000 times over the years costs the rows of the window, not all 14,000 (see `about`).
   */
  function aboutQuery(scope: ReadScope, subject: SubjectMatch, range: { from?: string | undefined; to?: string | undefined }, cursor: Cursor | undefined, limit: number, since?: Date) {
    const bounds: Array<Expression<SqlBool>> = []
    if (range.from) bounds.push(sql<SqlBool>`b.occurred_at >= ${new Date(dayStart(range.from))}`)
    if (range.to) bounds.push(sql<SqlBool>`b.occurred_at < ${new Date(dayStart(nextDay(range.to)))}`)
    if (cursor) bounds.push(sql<SqlBool>`(b.occurred_at, b.id) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)`)
    const where = (condition: Expression<SqlBool>) => sql.join([condition, ...bounds], sql` and `)
    const windowed = (condition: Expression<SqlBool>) => (since ? where(sql<SqlBool>`${condition} and b.occurred_at >= ${since}`) : where(condition))
    const branches = [
      ...subject.entities.flatMap((entity) => entity.ids.map((id) =>
        sql`(select b.id from audit_events b where ${where(sql<SqlBool>`b.entity_type = ${entity.type} and b.entity_id = ${id}`)} order by b.occurred_at desc, b.id desc limit ${limit})`)),
      ...subject.named.map((value) => sql`(select b.id from audit_events b where ${windowed(names(value))})`),
      ...subject.namedInScope.map((value) => sql`(select b.id from audit_events b where ${windowed(sql<SqlBool>`${names(value)} and ${inScope(scope, 'b')}`)})`),
    ]
    if (branches.length === 0) return undefined
    // Range and cursor are already inside each branch: the outer query only orders and cuts the union.
    return page([sql<SqlBool>`a.id in (${sql.join(branches, sql` union `)})`], {}, undefined, limit)
  }

  return {
    /** The queries unexecuted (the benchmark EXPLAINs them). */
    listQuery,
    aboutQuery,

    /** Rows visible in `scope` matching the filter, newest first; `limit` rows after the cursor. */
    list: (scope: ReadScope, filter: RowFilter, cursor: Cursor | undefined, limit: number): Promise<AuditRow[]> => listQuery(scope, filter, cursor, limit).execute(),

    /**
     * Every row about the subject (whoever acted), newest first. The lists are searched in windows
     * growing backwards from the cursor (or now): a window holding `limit` rows holds the newest
     * `limit` (every row outside it is older), else the next, five times wider, until no bound is left.
     */
    async about(scope: ReadScope, subject: SubjectMatch, range: { from?: string | undefined; to?: string | undefined }, cursor: Cursor | undefined, limit: number): Promise<AuditRow[]> {
      const upper = cursor ? new Date(cursor.at) : range.to ? new Date(dayStart(nextDay(range.to))) : new Date()
      const lower = range.from ? new Date(dayStart(range.from)).getTime() : -Infinity
      for (const days of ABOUT_WINDOW_DAYS) {
        const since = new Date(upper.getTime() - days * 86_400_000)
        if (since.getTime() <= lower) break
        const rows = (await aboutQuery(scope, subject, range, cursor, limit, since)?.execute()) ?? []
        if (rows.filter((r) => new Date(r.occurred_at).getTime() >= since.getTime()).length >= limit) return rows
      }
      return (await aboutQuery(scope, subject, range, cursor, limit)?.execute()) ?? []
    },

    /** The book, unit and (for an entry) page ids of an entry, or undefined. */
    async entry(id: string) {
      const row = await db
        .selectFrom('entries as e')
        .innerJoin('books as b', 'b.id', 'e.book_id')
        .select(['e.id', 'e.custodian_unit_id', 'e.so', 'e.registration_year', 'b.book_type', 'b.volume'])
        .where('e.id', '=', id)
        .executeTakeFirst()
      if (!row) return undefined
      const pages = await db.selectFrom('entry_pages').select('page_id').where('entry_id', '=', id).execute()
      return { ...row, pageIds: pages.map((p) => p.page_id) }
    },

    /** Entries (at most `limit`) in the units carrying the personal ID, with their pages. */
    async entriesWithPersonalId(personalId: string, unitIds: readonly string[], limit: number) {
      const rows = await db
        .selectFrom('entries')
        .select('id')
        .where('subject_personal_id', '=', personalId)
        .where(sql<SqlBool>`custodian_unit_id = any(${[...unitIds]}::uuid[])`)
        .orderBy('id')
        .limit(limit)
        .execute()
      const ids = rows.map((r) => r.id)
      const pages = ids.length > 0 ? await db.selectFrom('entry_pages').select('page_id').where('entry_id', 'in', ids).execute() : []
      return { entryIds: ids, pageIds: pages.map((p) => p.page_id) }
    },

    book: (id: string) => db.selectFrom('books').select(['id', 'custodian_unit_id', 'book_type', 'volume']).where('id', '=', id).executeTakeFirst(),
    page: (id: string) => db.selectFrom('book_pages').select(['id', 'custodian_unit_id', 'position', 'book_id']).where('id', '=', id).executeTakeFirst(),
    user: (id: string) => db.selectFrom('users').select(['id', 'unit_id', 'username', 'full_name']).where('id', '=', id).executeTakeFirst(),
    /** True when the unit has no parent (a province): such a reader also sees the rows without a unit. */
    async isTopLevel(unitId: string): Promise<boolean> {
      const row = await db.selectFrom('administrative_units').select('parent_id').where('id', '=', unitId).executeTakeFirst()
      return row !== undefined && row.parent_id === null
    },
  }
}
export type AuditRepository = ReturnType<typeof createAuditRepository>
