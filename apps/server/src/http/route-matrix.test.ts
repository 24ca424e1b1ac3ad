import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUDIT_LOOKUP_TYPES } from '@hts/domain'
import { startTestServer, TEST_PASSWORD, type Client, type TestServer } from '../test/harness'
import { buildBirthFields, createBook, unitIdByCode } from '../test/factories'
import { syntheticBirthRow, upload as uploadImport, waitForJob, workbookOf } from '../test/import-helpers'
import { fillParams, routeTable, type JsonSchema, type RouteInfo } from '../test/route-table'
import { populationCsv, uploadFile as uploadPopulationFile } from '../modules/population/population-fixtures'
import { buildPng, uploadScans } from '../modules/scans/scan-fixtures'

/**
 * Route × role × unit (issue 14). Every route of Fastify's route table is called with the ids of
 * objects that Xã An Phú (98001) owns, by every account that has no scope over An Phú, and again
 * with random ids of the same kinds:
 * - a route that takes an An Phú object in its path answers 404, or a refusal that is decided before
 *   any lookup (403 permission, 400 body), and exactly the same answer for the random id: no 2xx, no
 *   500, no existence hint; and for each such route at least one outsider reaches the lookup (404),
 *   unless every outsider lacks the permission (403), so the bodies sent really exercise the scope;
 * - a route without such a path parameter gets An Phú's ids in its query and body (unitId, bookId...):
 *   never 500, the same status as with random ids, and a 2xx answer names nothing of An Phú's;
 * - afterwards every row that refers to An Phú's unit or objects is byte for byte what it was.
 * Accounts inside An Phú's scope then read every An Phú object (never a 500, never a 404) and call
 * every write route on them (never a 500).
 */

/** Routes that do not take part, and why. */
const NOT_WALKED: Record<string, string> = {
  'GET /api/health': 'no data',
  'POST /api/auth/login': 'takes a username and password, no unit data (auth tests)',
  'POST /api/auth/logout': 'would end the session the walk uses',
  'POST /api/auth/change-password': "changes the caller's own password only (password-change tests)",
}
const notWalked = (route: RouteInfo) => route.url.startsWith('/api/docs') || NOT_WALKED[`${route.method} ${route.url}`] !== undefined

/** Kinds of object a route can name; each has one An Phú object below. */
type Kind = 'unit' | 'book' | 'entry' | 'page' | 'handover' | 'duplicate' | 'lot' | 'user' | 'session' | 'job' | 'followup' | 'import' | 'mapping' | 'result' | 'extract' | 'populationUpload' | 'draft' | 'citizen' | 'phase' | 'plan' | 'note'

/**
 * What a path parameter takes: an object of a kind; fixed values that are not unit data (the route is
 * walked once per value); or a kind chosen by another parameter's value (`/api/audit/entity/:type/:id`).
 */
type ParamRule = Kind | { fixed: readonly string[] } | { kindBy: string; kinds: Record<string, Kind> }

/** Path parameter → rule, by the path segment before it (`books/:id`) and its name (`samples/:entryId`). */
const PARAM_KINDS: Record<string, ParamRule> = {
  'books/:id': 'book',
  'entries/:id': 'entry',
  'samples/:entryId': 'entry',
  'pages/:id': 'page',
  'handovers/:id': 'handover',
  'duplicates/:id': 'duplicate',
  'lots/:id': 'lot',
  // A campaign phase is the province's (every unit of it sees it); a plan is An Phú's own (issue 13).
  'phases/:id': 'phase',
  'plans/:id': 'plan',
  'users/:id': 'user',
  'assignments/:userId': 'user',
  'sessions/:id': 'session',
  // Who read this entry, book, page, account or citizen (the audit screen).
  'entity/:type': { fixed: AUDIT_LOOKUP_TYPES },
  ':type/:id': { kindBy: 'type', kinds: { entry: 'entry', book: 'book', page: 'page', user: 'user', citizen: 'citizen' } },
  'jobs/:id': 'job',
  'exports/:id': 'job',
  'followups/:id': 'followup',
  'imports/:id': 'import',
  'import-mappings/:id': 'mapping',
  'results/:id': 'result',
  'extracts/:id': 'extract',
  'uploads/:id': 'populationUpload',
  'drafts/:clientTxnId': 'draft',
  // A marginal note (ghi chú) of An Phú's entry: /api/entries/:id/notes/:noteId.
  'notes/:noteId': 'note',
  // The MOJ templates are the same for everyone: not unit data.
  'templates/:file': { fixed: ['KS.xlsx'] },
}

/** Kinds that are search keys, not objects a unit owns: the answer may be 2xx but must not depend on the value. */
const SEARCH_KINDS: ReadonlySet<Kind> = new Set(['citizen'])

/** Query and body properties that name an object: filled with An Phú's (or the random) id. */
const FIELD_KINDS: Record<string, Kind> = {
  bookId: 'book', unitId: 'unit', custodianUnitId: 'unit', issuingUnitId: 'unit', entryId: 'entry', importId: 'import',
  userId: 'user', assigneeId: 'user', keyedBy: 'user', uploadId: 'populationUpload', previousLotId: 'lot', mappingId: 'mapping', pageIds: 'page',
  personalId: 'citizen',
}

const STRONG_PASSWORD = 'Ma-tran-Kiem-tra-7319'

let server: TestServer
let owner: Client
let keyer: Client
let police: Client
const anPhu = {} as Record<Kind, string>
/** Current `version` of An Phú's versioned objects, sent where a body asks for one. */
const versions = new Map<string, number>()

function paramRule(route: RouteInfo, param: string): ParamRule {
  const segments = route.url.split('/')
  const index = segments.indexOf(`:${param}`)
  const rule = PARAM_KINDS[`${segments[index - 1]}/:${param}`]
  if (rule === undefined) {
    throw new Error(`${route.method} ${route.url}: the path parameter :${param} has no known kind. Add '${segments[index - 1]}/:${param}' to PARAM_KINDS and create an object of that kind owned by Xã An Phú in beforeAll.`)
  }
  return rule
}

/** One way to fill the route's fixed parameters (one per fixed value; `{}` when it has none). */
type Choice = Record<string, string>
function choicesOf(route: RouteInfo): Choice[] {
  let choices: Choice[] = [{}]
  for (const param of route.params) {
    const rule = paramRule(route, param)
    if (typeof rule === 'object' && 'fixed' in rule) choices = choices.flatMap((choice) => rule.fixed.map((value) => ({ ...choice, [param]: value })))
  }
  return choices
}

/** The parameter's kind, or its fixed value. */
function paramKind(route: RouteInfo, param: string, choice: Choice): Kind | { value: string } {
  const rule = paramRule(route, param)
  if (typeof rule === 'string') return rule
  if ('fixed' in rule) return { value: choice[param] as string }
  const kind = rule.kinds[choice[rule.kindBy] ?? '']
  if (!kind) throw new Error(`${route.method} ${route.url}: no kind for :${param} when :${rule.kindBy} is ${choice[rule.kindBy]}; add it to PARAM_KINDS`)
  return kind
}

/** A value that passes the schema, with objects taken from `ids`. */
function sample(name: string, schema: JsonSchema, ids: Record<Kind, string>, version: number): unknown {
  const kind = FIELD_KINDS[name]
  if (kind) return schema.type === 'array' ? [ids[kind]] : ids[kind]
  if (name === 'fields') return buildBirthFields()
  if (name === 'version' || name === 'entryVersion') return version
  if (name === 'bookType') return 'KS'
  if (name === 'field') return 'nksHoTen'
  // A band layout's fractions must fit on the page (refinements the JSON schema cannot say).
  if (name === 'layout') return { top: 0.1, height: 0.08, perPage: 10, columns: [{ key: 'so', left: 0.05, right: 0.12 }] }
  if (name === 'windowFrom' || name === 'windowTo') return '2024-01'
  const variant = schema.anyOf ?? schema.oneOf
  if (variant) return sample(name, variant.find((s) => s.type !== 'null') ?? {}, ids, version)
  if (schema.enum) return schema.enum[0]
  if (schema.const !== undefined) return schema.const
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return randomUUID()
      if (schema.format === 'date') return '2024-01-02'
      return 'Kiểm tra phạm vi đơn vị'.padEnd(schema.minLength ?? 0, '.').slice(0, schema.maxLength ?? 1000)
    case 'integer':
    case 'number':
      return Math.min(Math.max(schema.minimum ?? 1, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER)
    case 'boolean':
      return false
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample('', schema.items ?? {}, ids, version))
    case 'object':
      return objectSample(schema, ids, version)
    default:
      return 'Kiểm tra'
  }
}

/** Required properties and the optional ones that name an object; every property when none is required (a PATCH). */
function objectSample(schema: JsonSchema, ids: Record<Kind, string>, version: number): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  const required = schema.required ?? []
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    // `text`: a marginal note needs its text or a changed field (a refinement the JSON schema cannot say).
    if (required.length === 0 || required.includes(name) || FIELD_KINDS[name] || name === 'text') result[name] = sample(name, property, ids, version)
  }
  return result
}

interface Call {
  label: string
  status: number
  /** The answer with every id sent replaced by its kind: comparable between An Phú's ids and random ones. */
  answer: string
  text: string
}

/** Every way the walk calls a route with the given ids: JSON body, or for a body-less write none and a multipart file. */
async function callRoute(client: Client, route: RouteInfo, choice: Choice, ids: Record<Kind, string>): Promise<Call[]> {
  const kinds = route.params.map((param) => paramKind(route, param, choice))
  const firstKind = kinds.find((kind) => typeof kind === 'string')
  const version = firstKind ? (versions.get(anPhu[firstKind]) ?? 1) : 1
  const url = fillParams(route.url, (param) => {
    const kind = paramKind(route, param, choice)
    return encodeURIComponent(typeof kind === 'string' ? ids[kind] : kind.value)
  })
  const query = new URLSearchParams()
  for (const parameter of route.query) {
    if (parameter.required || FIELD_KINDS[parameter.name]) query.set(parameter.name, String(sample(parameter.name, parameter.schema, ids, version)))
  }
  const target = query.size > 0 ? `${url}?${query.toString()}` : url
  const bodies: { label: string; init: RequestInit }[] = []
  if (route.jsonBody) {
    bodies.push({ label: 'json', init: { headers: { 'content-type': 'application/json' }, body: JSON.stringify(sample('', route.jsonBody, ids, version)) } })
  } else if (['POST', 'PUT', 'PATCH'].includes(route.method)) {
    bodies.push({ label: 'no body', init: {} })
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(await pngBytes)], { type: 'image/png' }), 'trang.png')
    bodies.push({ label: 'multipart', init: { body: form } })
  } else {
    bodies.push({ label: '', init: {} })
  }
  const calls: Call[] = []
  for (const body of bodies) {
    // A file only where the route wants one: it answered the body-less request with 400.
    if (body.label === 'multipart' && calls.at(-1)?.status !== 400) continue
    const response = await client.fetch(target, { method: route.method, ...body.init })
    const text = route.method === 'GET' && response.status < 300 && !(response.headers.get('content-type') ?? '').includes('json') ? '<file>' : await response.text()
    let answer = text
    for (const [kind, id] of Object.entries(ids)) answer = answer.replaceAll(id, `<${kind}>`)
    // A 2xx list of one's own things may differ between two calls (times); an answer about a path's object may not.
    calls.push({ label: `${route.method} ${target} ${body.label}`.trim(), status: response.status, answer: response.status < 300 && route.params.length === 0 ? '' : answer, text })
  }
  return calls
}
let pngBytes: Promise<Buffer>

function randomIds(): Record<Kind, string> {
  const ids = Object.fromEntries(Object.keys(anPhu).map((kind) => [kind, randomUUID()])) as Record<Kind, string>
  // A personal ID of the same shape, nobody's.
  ids.citizen = `0341${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
  return ids
}

/**
 * Every row with a uuid column naming An Phú's unit or one of its objects (the keyer's sessions too),
 * but the audit trail, which records the refused attempts.
 */
async function snapshotOfAnPhu(): Promise<Map<string, string[]>> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type = 'uuid' and table_name <> 'audit_events'
    order by table_name, column_name`.execute(server.db.kysely)
  const byTable = new Map<string, string[]>()
  for (const { table_name, column_name } of columns.rows) byTable.set(table_name, [...(byTable.get(table_name) ?? []), column_name])
  const ids = Object.values(anPhu).filter((id) => /^[0-9a-f]{8}-/.test(id))
  const snapshot = new Map<string, string[]>()
  for (const [table, names] of byTable) {
    const where = sql.join(names.map((column) => sql`${sql.ref(`t.${column}`)} in (${sql.join(ids)})`), sql` or `)
    const rows = await sql<{ row: string }>`select to_jsonb(t)::text as row from ${sql.table(table)} t where ${where}`.execute(server.db.kysely)
    snapshot.set(table, rows.rows.map((r) => r.row).sort())
  }
  return snapshot
}

async function expectStatus<T>(response: { status: number; body: T }, status: number, what: string): Promise<T> {
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`)
  return response.body
}

/** An account made by the administrator (first login: change the one-time password). */
async function newAccount(admin: Client, username: string, role: string, unitId: string): Promise<Client> {
  await expectStatus(await admin.post('/api/users', { username, fullName: 'Nguyễn Thị Thử', role, unitId, password: STRONG_PASSWORD }), 201, `create ${username}`)
  const client = await server.login(username, STRONG_PASSWORD)
  await expectStatus(await client.post('/api/auth/change-password', { currentPassword: STRONG_PASSWORD, newPassword: `${STRONG_PASSWORD}-moi` }), 204, `${username} changes the password`)
  return client
}

beforeAll(async () => {
  server = await startTestServer({ jobRunner: { pollMs: 50 } })
  pngBytes = buildPng(400, 600)
  owner = await server.login('tuphap.anphu')
  keyer = await server.login('sohoa.anphu')
  police = await server.login('congan.anphu')
  const province = await server.login('sotuphap')
  anPhu.unit = await unitIdByCode(server, '98001')
  anPhu.citizen = '034190001234'
  anPhu.user = (await server.db.kysely.selectFrom('users').select('id').where('username', '=', 'sohoa.anphu').executeTakeFirstOrThrow()).id
  anPhu.session = (await expectStatus(await keyer.get('/api/auth/sessions'), 200, 'sessions')).items[0].id

  // Population extract, then an entry found there with other parents: a proposal and a follow-up case.
  const populationUpload = await uploadPopulationFile(police, populationCsv({ filler: 10 }), 'dan-cu.csv')
  const extract = await expectStatus(await police.post('/api/population/extracts', { uploadId: populationUpload.body.uploadId, unitId: anPhu.unit, source: 'Công an xã An Phú', extractDate: '2025-06-30', mapping: populationUpload.body.suggestedMapping }), 202, 'extract')
  anPhu.extract = extract.extract.id
  expect((await waitForJob(police, extract.jobId)).status).toBe('succeeded')
  // An upload not yet loaded (the loaded one is consumed).
  anPhu.populationUpload = (await uploadPopulationFile(police, populationCsv({ filler: 2 }), 'dan-cu-2.csv')).body.uploadId as string
  const oldBook = await createBook(owner, server, '98001', { volume: '04/1990', year: 1990, openedOn: '1990-01-02', closedOn: '1990-12-31' })
  const hoa = await expectStatus(await owner.post(`/api/books/${oldBook.id}/entries`, { fields: buildBirthFields({ nksHoTen: 'Nguyễn Thị Hoà', nksGioiTinh: '2', nksNgaySinh: '12.05.1990', ngayDangKy: '20.05.1990', meHoTen: 'Trần Thị Lan', chaHoTen: 'Nguyễn Văn Minh' }) }), 201, 'entry to reconcile')
  const result = await expectStatus(await owner.post(`/api/entries/${hoa.id}/reconcile`), 200, 'reconcile')
  anPhu.result = result.id
  const decided = await expectStatus(await owner.post(`/api/reconciliation/results/${result.id}/decision`, { outcome: 'mismatch', version: result.version, note: 'Khác ngày sinh' }), 200, 'mismatch')
  anPhu.followup = decided.followupId

  // A book with approved entries: an acceptance lot, then a handover batch; a page scan; an assignment.
  anPhu.book = (await createBook(owner, server)).id
  for (const so of ['1', '2', '3']) {
    const keyed = await expectStatus(await keyer.post(`/api/books/${anPhu.book}/entries`, { fields: buildBirthFields({ so }), complete: true }), 201, 'keyed entry')
    await expectStatus(await owner.post(`/api/entries/${keyed.id}/transitions`, { action: 'approve', version: keyed.version }), 200, 'approve')
  }
  const lot = await expectStatus(await province.post('/api/acceptance/lots', { unitId: anPhu.unit, bookId: anPhu.book, phase: 'Giai đoạn 1' }), 201, 'lot')
  anPhu.lot = lot.id
  anPhu.entry = lot.samples[0].entryId
  anPhu.note = (await expectStatus(await owner.post(`/api/entries/${anPhu.entry}/notes`, { kind: 'other', text: 'Ghi chú của An Phú' }), 201, 'note')).notes[0].id
  anPhu.handover = (await expectStatus(await owner.post(`/api/books/${anPhu.book}/handovers`, {}), 201, 'handover')).id
  const scans = await uploadScans(owner, anPhu.book, [{ name: 'trang-1.png', data: await pngBytes }])
  expect(scans.status).toBe(201)
  expect((await waitForJob(owner, scans.body.jobId as string)).status).toBe('succeeded')
  anPhu.page = (await owner.get(`/api/books/${anPhu.book}/pages`)).body.items[0].id
  await expectStatus(await owner.post(`/api/books/${anPhu.book}/assignments`, { userId: anPhu.user }), 201, 'assignment')

  // An Excel import, a saved mapping, a unit export (a job), a keyer's draft.
  const imported = await uploadImport(owner, { bookType: 'KS', custodianUnitId: anPhu.unit }, 'nhap.xlsx', await workbookOf([syntheticBirthRow(1, 2023)]))
  expect(imported.status).toBe(201)
  anPhu.import = imported.body.id
  const started = await expectStatus(await owner.post(`/api/imports/${anPhu.import}/start`, { missingBooks: 'create' }), 202, 'import start')
  expect((await waitForJob(owner, started.jobId)).status).toBe('succeeded')
  anPhu.mapping = (await expectStatus(await owner.post('/api/import-mappings', { name: 'Mẫu của An Phú', bookType: 'KS', mapping: {} }), 201, 'mapping')).id
  const exported = await expectStatus(await owner.post('/api/exports/unit', { unitId: anPhu.unit }), 202, 'unit export')
  anPhu.job = exported.jobId
  expect((await waitForJob(owner, anPhu.job)).status).toBe('succeeded')
  // A possible duplicate: số 1 keyed a second time, found by the unit's scan.
  await expectStatus(await keyer.post(`/api/books/${anPhu.book}/entries`, { fields: buildBirthFields({ so: '1' }) }), 201, 'second số 1')
  const scan = await expectStatus(await owner.post('/api/duplicates/scan', { unitId: anPhu.unit }), 202, 'duplicate scan')
  expect((await waitForJob(owner, scan.jobId)).status).toBe('succeeded')
  anPhu.duplicate = (await owner.get(`/api/duplicates?unitId=${anPhu.unit}`)).body.items[0].id
  anPhu.draft = randomUUID()
  // The province's campaign phase and An Phú's plan for it.
  anPhu.phase = (await expectStatus(await province.post('/api/campaign/phases', { name: 'Giai đoạn 1', windowFrom: '2020-01', windowTo: '2024-12', bookTypes: ['KS'], unitIds: null, startsOn: '2026-01-05', deadline: '2026-06-30', unitPriceVnd: 3000 }), 201, 'phase')).id
  anPhu.plan = (await expectStatus(await owner.post('/api/campaign/plans', { phaseId: anPhu.phase, unitId: anPhu.unit }), 201, 'plan')).id
  await expectStatus(await keyer.put(`/api/drafts/${anPhu.draft}`, { bookId: anPhu.book, fields: buildBirthFields({ so: '4' }) }), 200, 'draft')

  for (const [kind, table] of [['book', 'books'], ['entry', 'entries'], ['page', 'book_pages'], ['followup', 'followup_cases'], ['result', 'reconciliation_results'], ['phase', 'campaign_phases'], ['plan', 'campaign_plans']] as const) {
    const row = await sql<{ version: number }>`select version from ${sql.table(table)} where id = ${anPhu[kind]}`.execute(server.db.kysely)
    versions.set(anPhu[kind], row.rows[0]?.version ?? 1)
  }
}, 300_000)
afterAll(async () => server?.close())

describe('route × role × unit', () => {
  it('accounts without scope over Xã An Phú: 404 or an id-independent refusal on every route, no trace of An Phú, nothing changed', async () => {
    const admin = await server.login('admin')
    const binhMinh = await unitIdByCode(server, '98002')
    const outsiders: [string, Client][] = [
      ['tuphap.binhminh', await server.login('tuphap.binhminh')],
      ['tuphap.hoabinh', await server.login('tuphap.hoabinh')],
      // Phòng Tư pháp of the old Đông Sơn district: An Phú was never in it.
      ['phongtuphap', await server.login('phongtuphap')],
      // The other commune roles, at Bình Minh.
      ['sohoa.binhminh', await newAccount(admin, 'sohoa.binhminh', 'commune_digitizer', binhMinh)],
      ['congan.binhminh', await newAccount(admin, 'congan.binhminh', 'commune_police', binhMinh)],
      ['lanhdao.binhminh', await newAccount(admin, 'lanhdao.binhminh', 'commune_leader', binhMinh)],
    ]
    const routes = (await routeTable(server)).filter((route) => !notWalked(route))
    // Each path parameter's kind is known (else paramKind throws, naming the route).
    for (const route of routes) for (const choice of choicesOf(route)) for (const param of route.params) paramKind(route, param, choice)
    const before = await snapshotOfAnPhu()
    // The unit and the province's phase are known to every unit of the province.
    const secrets = Object.entries(anPhu).filter(([kind]) => kind !== 'unit' && kind !== 'phase').map(([, id]) => id)

    const failures: string[] = []
    const reached = new Map<string, Set<number>>()
    let requests = 0
    for (const route of routes) for (const choice of choicesOf(route)) {
      const key = `${route.method} ${fillParams(route.url, (param) => choice[param] ?? `:${param}`)}`
      const takesAnPhuObject = route.params.some((param) => {
        const kind = paramKind(route, param, choice)
        return typeof kind === 'string' && !SEARCH_KINDS.has(kind)
      })
      const statuses = new Set<number>()
      for (const [username, client] of outsiders) {
        const mine = await callRoute(client, route, choice, anPhu)
        const random = await callRoute(client, route, choice, randomIds())
        requests += mine.length + random.length
        if (mine.length !== random.length) failures.push(`${username} ${key}: ${mine.map((c) => c.status).join('/')} with An Phú's ids, ${random.map((c) => c.status).join('/')} with random ones`)
        mine.forEach((call, index) => {
          const other = random[index] ?? call
          statuses.add(call.status)
          const problem =
            call.status >= 500 ? 'server error'
            : takesAnPhuObject && call.status < 400 ? 'An Phú object reached'
            : takesAnPhuObject && ![400, 403, 404].includes(call.status) ? 'status other than 404/403/400'
            : call.status !== other.status || call.answer !== other.answer ? `differs from a random id (${other.status} ${other.answer.slice(0, 160)})`
            // (A search key sent in the path may be echoed.)
            : call.status < 300 && secrets.some((secret) => call.text.includes(secret) && !(call.label.split('?')[0] ?? '').includes(secret)) ? 'answer names An Phú data'
            : undefined
          if (problem) failures.push(`${username} ${call.label} → ${call.status} ${call.text.slice(0, 160)}: ${problem}`)
        })
      }
      if (takesAnPhuObject) reached.set(key, statuses)
    }
    expect(failures).toEqual([])
    // Each route with an An Phú object was exercised up to its scope check by someone with the permission.
    const notExercised = [...reached].filter(([, statuses]) => !statuses.has(404) && [...statuses].some((s) => s !== 403)).map(([key, statuses]) => `${key} answered only ${[...statuses].join(', ')}: give it a body that passes validation`)
    expect(notExercised).toEqual([])
    expect(await snapshotOfAnPhu()).toEqual(before)
    expect(before.get('entries')?.length).toBeGreaterThan(3)
    expect(before.get('sessions')?.length).toBeGreaterThan(0)
    expect(reached.size).toBeGreaterThan(50)
    expect(requests).toBeGreaterThan(1000)
  }, 300_000)

  it('accounts inside the scope read every An Phú object: never a 500, never a 404', async () => {
    const routes = (await routeTable(server)).filter((route) => !notWalked(route) && route.method === 'GET' && route.params.length > 0)
    const failures: string[] = []
    for (const username of ['tuphap.anphu', 'sohoa.anphu', 'congan.anphu', 'lanhdao.anphu', 'sotuphap', 'admin']) {
      const client = username === 'tuphap.anphu' ? owner : username === 'sohoa.anphu' ? keyer : username === 'congan.anphu' ? police : await server.login(username, TEST_PASSWORD)
      for (const route of routes) {
        // A draft is its keyer's own and an upload its uploader's until loaded: nobody else sees them.
        if (route.url.startsWith('/api/drafts/') && username !== 'sohoa.anphu') continue
        if (route.url.startsWith('/api/population/uploads/') && username !== 'congan.anphu') continue
        for (const choice of choicesOf(route)) {
          for (const call of await callRoute(client, route, choice, anPhu)) {
            if (call.status >= 500 || call.status === 404) failures.push(`${username} ${call.label} → ${call.status} ${call.text.slice(0, 160)}`)
          }
        }
      }
    }
    expect(failures).toEqual([])
  }, 120_000)

  // Last: these writes change An Phú's objects (a page deleted, an account locked...).
  it('accounts inside the scope: no write route answers 500 on An Phú objects', async () => {
    const routes = (await routeTable(server)).filter((route) => !notWalked(route) && route.method !== 'GET')
    const failures: string[] = []
    let requests = 0
    for (const username of ['lanhdao.anphu', 'sotuphap', 'tuphap.anphu']) {
      const client = username === 'tuphap.anphu' ? owner : await server.login(username, TEST_PASSWORD)
      for (const route of routes) {
        for (const choice of choicesOf(route)) {
          for (const call of await callRoute(client, route, choice, anPhu)) {
            requests++
            if (call.status >= 500) failures.push(`${username} ${call.label} → ${call.status} ${call.text.slice(0, 160)}`)
          }
        }
      }
    }
    expect(failures).toEqual([])
    expect(requests).toBeGreaterThan(100)
  }, 120_000)
})
