/**
 * The demo province mid-campaign (issue 13, "a living demo"): run once after seedDemo, in demo mode
 * only, so that every demo account's first screen shows work. Everything is written the way people
 * write it, through the modules' services and commands (audit rows, revisions, counters included):
 * a phase, the communes' plans, books of several types and conditions (one lost), entries in every
 * status, scanned pages, a police extract, reconciliation decisions and follow-up cases.
 *
 * A few weeks of history: the entries are keyed and reviewed on the working days (Monday to
 * Saturday) of the last five weeks, a slow start rising to a steady pace, each keyer on their own
 * books in book order, so the dashboard's throughput per day, week and keyer and its forecast have
 * days to measure. The entries commands replay those past times (`at`, see Replay in entries); the
 * audit rows keep the real time of the seed. Later steps (the handover, the duplicate, the
 * reconciliation) happen today. seedDemo stays as it is: tests build on it.
 */
import { Readable } from 'node:stream'
import { addDays, BookInput, DEFAULT_AQL, isRole, PhaseInput, PlanUpdate, reportWeekOf, vietnamDay, WeeklyReportSave, type BookTypeCode, type EntryAction } from '@hts/domain'
import type { AppServices } from '../app'
import { actorOf } from '../modules/audit'
import type { AuthUser } from '../modules/auth'
import type { BookRow } from '../modules/books'
import { createEntry, refusalError, tryTransition, type EntryRow, type RoleActor } from '../modules/entries'
import { createReportsService } from '../modules/reports'
import { birthRecords, entryFields, pageImage, personalIdOf, populationCsv, seededRandom, type BirthRecord, type PopulationRow } from './demo-records'

export const DEMO_PHASE_NAME = 'Giai đoạn 1: sổ hộ tịch 2016–2025'

type Account = 'tuphapAnPhu' | 'sohoaAnPhu' | 'conganAnPhu' | 'tuphapBinhMinh' | 'tuphapHoaBinh' | 'sotuphap' | 'lanhdaoAnPhu'
const ACCOUNTS: Record<Account, string> = {
  tuphapAnPhu: 'tuphap.anphu', sohoaAnPhu: 'sohoa.anphu', conganAnPhu: 'congan.anphu',
  tuphapBinhMinh: 'tuphap.binhminh', tuphapHoaBinh: 'tuphap.hoabinh', sotuphap: 'sotuphap', lanhdaoAnPhu: 'lanhdao.anphu',
}
const UNIT_CODES = { province: '98', anPhu: '98001', binhMinh: '98002', hoaBinh: '98003', hoaLac: '98101', binhAn: '98102' } as const
type UnitKey = keyof typeof UNIT_CODES

/**
 * What an entry goes through after it is created: `draft` stays a draft (left half-keyed), the
 * others are marked keyed by the book's keyer and then taken on by the reviewer.
 */
type Step = 'draft' | 'keyed' | 'checked' | 'approved' | 'returned' | 'checkedApproved'

interface DemoBook {
  key: string
  unit: UnitKey
  type: BookTypeCode
  year: number
  /** Issued by an old commune (merged in 2025) and kept by its successor. */
  issuedBy?: UnitKey
  condition?: 'damaged' | 'lost'
  note?: string
  pages: number
  keyer: Account
  reviewer?: Account
  /** Steps of the entries in book order (count × step). */
  plan: Array<[number, Step]>
  /** Scanned pages uploaded (the first pages of the book). */
  scans?: number
}

const RETURN_REASON = 'Ngày sinh của người được khai sinh khác với sổ (xem lại trang ảnh), sửa rồi hoàn thành lại'

/** The books of the demo: several types and conditions, one lost, two kept by the successor of merged communes. */
const BOOKS: DemoBook[] = [
  { key: 'ks2018', unit: 'anPhu', type: 'KS', year: 2018, pages: 100, keyer: 'sohoaAnPhu', reviewer: 'tuphapAnPhu', plan: [[30, 'approved'], [6, 'checkedApproved'], [4, 'checked']], scans: 6 },
  { key: 'ks2019', unit: 'anPhu', type: 'KS', year: 2019, pages: 100, keyer: 'sohoaAnPhu', reviewer: 'tuphapAnPhu', plan: [[10, 'checkedApproved'], [8, 'checked'], [4, 'returned'], [16, 'keyed']], scans: 5 },
  { key: 'ks2020', unit: 'anPhu', type: 'KS', year: 2020, pages: 100, condition: 'damaged', note: 'Bìa rách, nhiều trang ố vàng do ẩm; đã dán gáy tạm', keyer: 'sohoaAnPhu', plan: [[14, 'keyed'], [6, 'draft']] },
  { key: 'kt2019', unit: 'anPhu', type: 'KT', year: 2019, pages: 50, keyer: 'tuphapAnPhu', reviewer: 'sohoaAnPhu', plan: [[10, 'checked'], [8, 'keyed']] },
  { key: 'kh2019', unit: 'anPhu', type: 'KH', year: 2019, pages: 50, keyer: 'tuphapAnPhu', reviewer: 'sohoaAnPhu', plan: [[8, 'checked'], [6, 'keyed'], [2, 'draft']] },
  { key: 'kh2016', unit: 'anPhu', type: 'KH', year: 2016, pages: 50, condition: 'lost', note: 'Mất do lũ tháng 10/2017 (biên bản kiểm kê ngày 20/10/2017)', keyer: 'tuphapAnPhu', plan: [] },
  { key: 'ks2021bm', unit: 'binhMinh', type: 'KS', year: 2021, pages: 100, keyer: 'tuphapBinhMinh', plan: [[28, 'keyed'], [5, 'draft']] },
  { key: 'kt2021bm', unit: 'binhMinh', type: 'KT', year: 2021, pages: 50, keyer: 'tuphapBinhMinh', plan: [[12, 'keyed']] },
  { key: 'ks2017hl', unit: 'hoaBinh', issuedBy: 'hoaLac', type: 'KS', year: 2017, pages: 100, keyer: 'tuphapHoaBinh', plan: [[22, 'keyed'], [3, 'draft']] },
  { key: 'ks2018ba', unit: 'hoaBinh', issuedBy: 'binhAn', type: 'KS', year: 2018, pages: 100, condition: 'damaged', note: 'Mối mọt góc dưới các trang 40-60', keyer: 'tuphapHoaBinh', plan: [[12, 'keyed'], [4, 'draft']] },
  { key: 'kt2017hl', unit: 'hoaBinh', issuedBy: 'hoaLac', type: 'KT', year: 2017, pages: 50, keyer: 'tuphapHoaBinh', plan: [] },
]

/** Entries per register page in the demo's books. */
const PER_PAGE = 8

const UNIT_NAMES: Record<UnitKey, string> = { province: 'tỉnh Sơn Hà', anPhu: 'xã An Phú', binhMinh: 'xã Bình Minh', hoaBinh: 'xã Hòa Bình', hoaLac: 'xã Hòa Lạc', binhAn: 'xã Bình An' }

/** A day counted from today in Vietnam, as the rest of the seed counts days. */
const dayOffset = (today: Date, days: number) => addDays(vietnamDay(today), days)

/** How many days ago each keyer began: An Phú with the phase (five weeks ago), the other communes later. */
const KEYING_SINCE: Partial<Record<Account, number>> = { sohoaAnPhu: 35, tuphapAnPhu: 33, tuphapBinhMinh: 24, tuphapHoaBinh: 17 }
const HOUR = 3_600_000
/** Midnight of a Vietnam day (UTC+7), as a UTC time. */
const vietnamMidnight = (day: string) => Date.parse(`${day}T00:00:00Z`) - 7 * HOUR
/** The Vietnam day (UTC+7, no daylight saving) of a time: what the activity counters file it under. */

/**
 * The working days (Monday to Saturday) of the demo's past, oldest first, up to yesterday, and when
 * each entry was keyed and reviewed: deterministic for a given today (its own seeded generator).
 */
function demoHistory(now: Date, random: () => number) {
  const today = vietnamDay(now)
  const days: string[] = []
  for (let back = 35; back >= 1; back--) {
    const day = new Date(Date.parse(`${today}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10)
    if (new Date(`${day}T00:00:00Z`).getUTCDay() !== 0) days.push(day)
  }
  const isSaturday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() === 6

  /** When each entry of the books was created, per book key: a keyer's books one after the other, more per day as the weeks go by. */
  const created = new Map<string, Date[]>()
  for (const keyer of Object.keys(KEYING_SINCE) as Account[]) {
    const books = BOOKS.filter((b) => b.keyer === keyer && b.plan.length > 0)
    const total = books.reduce((n, b) => n + b.plan.reduce((m, [k]) => m + k, 0), 0)
    const since = addDays(today, -(KEYING_SINCE[keyer] ?? 35))
    const worked = days.filter((d) => d >= since)
    // A ramp: the first week half the pace of the last; Saturday mornings count half a day.
    const weights = worked.map((d, j) => (0.4 + (0.6 * (j + 1)) / worked.length) * (isSaturday(d) ? 0.5 : 1) * (0.7 + 0.6 * random()))
    const sum = weights.reduce((a, b) => a + b, 0)
    const perDay = new Array<number>(worked.length).fill(0)
    let cumulative = 0
    let j = 0
    const dayOfEntry: number[] = []
    for (let i = 0; i < total; i++) {
      while (j < worked.length - 1 && cumulative + (weights[j] ?? 0) < ((i + 0.5) / total) * sum) cumulative += weights[j++] ?? 0
      dayOfEntry.push(j)
      perDay[j] = (perDay[j] ?? 0) + 1
    }
    const seen = new Array<number>(worked.length).fill(0)
    const times = dayOfEntry.map((d) => {
      const k = seen[d] ?? 0
      seen[d] = k + 1
      // From 08:00 to 16:30 (Vietnam time), in order through the day.
      const share = (k + 0.2 + 0.6 * random()) / (perDay[d] ?? 1)
      return new Date(vietnamMidnight(worked[d] ?? today) + 8 * HOUR + share * 8.5 * HOUR)
    })
    let next = 0
    for (const book of books) {
      const count = book.plan.reduce((m, [k]) => m + k, 0)
      created.set(book.key, times.slice(next, next + count))
      next += count
    }
  }

  /** A reviewer takes an entry up one to three working days after it was keyed (yesterday at the latest), in the afternoon. */
  const reviewedAt = (keyed: Date): Date => {
    const keyedDay = vietnamDay(keyed)
    const index = Math.max(days.indexOf(keyedDay), 0)
    const day = days[Math.min(index + 1 + Math.floor(random() * 3), days.length - 1)] ?? keyedDay
    const at = vietnamMidnight(day) + 14 * HOUR + random() * 2.5 * HOUR
    return new Date(Math.max(at, keyed.getTime() + 30 * 60_000))
  }
  return { created, reviewedAt, days }
}

/**
 * Seeds the campaign once (does nothing when the demo phase exists, or when this is not the demo
 * province). Jobs it queues (scans, the population load, the duplicate scan) need the job runner
 * started (`app.ready()`); it waits for them. Returns true when it seeded.
 */
export async function seedDemoCampaign(services: AppServices, options: { now?: Date } = {}): Promise<boolean> {
  const db = services.db.kysely
  const today = options.now ?? new Date()
  const unitRows = await db.selectFrom('administrative_units').select(['id', 'code']).where('code', 'in', Object.values(UNIT_CODES)).execute()
  const unitIds = new Map(unitRows.map((u) => [u.code, u.id]))
  const unit = (key: UnitKey): string => {
    const id = unitIds.get(UNIT_CODES[key])
    if (!id) throw new Error(`demo unit ${UNIT_CODES[key]} missing`)
    return id
  }
  const userRows = await db.selectFrom('users').select(['id', 'username', 'full_name', 'role', 'unit_id']).where('username', 'in', Object.values(ACCOUNTS)).execute()
  if (unitRows.length !== Object.keys(UNIT_CODES).length || userRows.length !== Object.keys(ACCOUNTS).length) return false
  const users = new Map(userRows.flatMap((u): Array<[string, AuthUser]> => (isRole(u.role) ? [[u.username, {
    id: u.id, username: u.username, fullName: u.full_name, role: u.role, unitId: u.unit_id, ip: null, sessionId: 'demo-seed', mustChangePassword: false,
  }]] : [])))
  const as = (account: Account): AuthUser => {
    const user = users.get(ACCOUNTS[account])
    if (!user) throw new Error(`demo account ${ACCOUNTS[account]} missing`)
    return user
  }
  const province = as('sotuphap')
  if ((await services.campaign.phases.list(province)).items.some((p) => p.name === DEMO_PHASE_NAME)) return false

  const phase = await services.campaign.phases.create(province, PhaseInput.parse({
    name: DEMO_PHASE_NAME, windowFrom: '2016-01', windowTo: '2025-12', bookTypes: ['KS', 'KT', 'KH'], unitIds: null,
    startsOn: dayOffset(today, -35), deadline: dayOffset(today, 150), unitPriceVnd: 3000, aql: DEFAULT_AQL,
  }))

  const random = seededRandom(2025)
  const history = demoHistory(today, seededRandom(13))
  const books = new Map<string, BookRow>()
  const entries = new Map<string, EntryRow[]>()
  const births = new Map<string, BirthRecord[]>()
  for (const spec of BOOKS) {
    const volume = `01/${spec.year}`
    const issuer = spec.issuedBy ?? spec.unit
    const owner = as(spec.keyer === 'sohoaAnPhu' ? 'tuphapAnPhu' : spec.keyer)
    const book = await services.books.create(owner, BookInput.parse({
      bookType: spec.type, volume, year: spec.year, issuingAuthority: `UBND ${UNIT_NAMES[issuer]}`, issuingUnitId: spec.issuedBy ? unit(spec.issuedBy) : null,
      custodianUnitId: unit(spec.unit), openedOn: `${spec.year}-01-02`, closedOn: `${spec.year}-12-31`, pageCount: spec.condition === 'lost' ? null : spec.pages,
      paperSize: 'A3', condition: spec.condition ?? 'intact', conditionNote: spec.note ?? null,
    }))
    books.set(spec.key, book)
    const pageIds = spec.scans ? await uploadScans(services, owner, book, spec.scans, random) : []
    const count = spec.plan.reduce((n, [k]) => n + k, 0)
    const records = spec.type === 'KS' ? birthRecords(random, spec.year, count) : []
    births.set(spec.key, records)
    entries.set(spec.key, await keyBook(services, spec, book, as, random, records, pageIds, history))
  }

  const bookOf = (key: string): BookRow => {
    const book = books.get(key)
    if (!book) throw new Error(`demo book ${key} missing`)
    return book
  }
  // The first 36 entries of 2018 are approved: handed over as one batch; three of the four checked ones approved after it.
  await services.handover.create(as('tuphapAnPhu'), bookOf('ks2018').id, { note: 'Đợt chuyển giao đầu tiên của xã An Phú (demo)' })
  await approveAfterHandover(services, (entries.get('ks2018') ?? []).slice(36, 39), as('tuphapAnPhu'))
  // The digitiser's work queue: the books still being keyed.
  for (const key of ['ks2019', 'ks2020']) await services.keying.queue.assign(as('tuphapAnPhu'), bookOf(key), as('sohoaAnPhu').id)
  await withdrawDuplicate(services, bookOf('ks2019'), as)
  await reconcile(services, as, unit('anPhu'), births.get('ks2019') ?? [], entries.get('ks2019') ?? [], today)
  await planCommunes(services, as, phase.id, { anPhu: unit('anPhu'), binhMinh: unit('binhMinh'), hoaBinh: unit('hoaBinh') }, today)
  await weeklyReports(services, as, unit('anPhu'), today)
  await waitForJobs(services)
  return true
}

/** What An Phú's officer wrote in the weeks before, one line a week. */
const REPORT_TEXTS = [
  { situation: 'Tổ số hóa 2 người bắt đầu nhập sổ khai sinh 2018; đã quét 6 trang đầu.', difficulties: 'Máy quét mượn của huyện, chỉ dùng được buổi chiều.', proposals: 'Đề nghị Sở hỗ trợ một máy quét A3.', budget: '' },
  { situation: 'Nhập xong phần lớn sổ khai sinh 2018, bắt đầu sổ 2019; cán bộ tư pháp kiểm tra song song.', difficulties: 'Một số trang sổ 2018 mờ, phải đối chiếu bản lưu.', proposals: '', budget: 'Đã tạm ứng 1.500.000 đồng tiền công nhập liệu.' },
  { situation: 'Nhập sổ khai sinh 2019 và sổ kết hôn 2019; đối chiếu với dữ liệu dân cư của công an xã.', difficulties: 'Sổ khai sinh 2020 bị rách bìa, phải dán lại trước khi quét.', proposals: 'Đề nghị gia hạn giai đoạn 1 thêm 2 tuần nếu máy quét chưa được cấp.', budget: '' },
]

/**
 * The weeks before this one: An Phú's leader submitted each report (the last one an hour after the
 * Friday 15:00 deadline), the other communes, which have no leader's account in the demo, did not;
 * so the province's list shows submitted, late and missing reports. Each is submitted on its Friday
 * (a reports service on that day's clock), its figures counted then from the replayed history.
 */
async function weeklyReports(services: AppServices, as: (a: Account) => AuthUser, anPhu: string, today: Date): Promise<void> {
  const thisWeek = reportWeekOf(vietnamDay(today))
  const submit = async (week: string, texts: (typeof REPORT_TEXTS)[number], at: string) => {
    const friday = addDays(week, 4)
    const clock = (time: string) => () => new Date(`${friday}T${time}:00+07:00`)
    const writer = createReportsService(services.db.kysely, services.units, services.campaign, { now: clock('10:30') })
    const draft = await writer.save(as('tuphapAnPhu'), WeeklyReportSave.parse({ ...texts, unitId: anPhu, week, version: 0 }))
    const leader = createReportsService(services.db.kysely, services.units, services.campaign, { now: clock(at) })
    await leader.submit(as('lanhdaoAnPhu'), { unitId: anPhu, week, version: draft.version })
  }
  for (const [i, texts] of REPORT_TEXTS.entries()) {
    await submit(addDays(thisWeek, -7 * (REPORT_TEXTS.length - i)), texts, i === REPORT_TEXTS.length - 1 ? '16:05' : '11:40')
  }
  // Seeded on a Saturday or Sunday, this week's Friday is past too: An Phú submitted on time.
  if (vietnamDay(today) >= addDays(thisWeek, 5)) await submit(thisWeek, THIS_WEEK_TEXT, '11:40')
}

const THIS_WEEK_TEXT = { situation: 'Nhập tiếp sổ khai sinh 2019 và 2020; trả lại 4 trường hợp để sửa, đã sửa xong 2.', difficulties: '', proposals: 'Đề nghị Sở sớm duyệt kế hoạch của xã Bình Minh.', budget: '' }

const roleActor = (user: AuthUser): RoleActor => ({ ...actorOf(user), role: user.role })

/** Keys a book's entries in book order, one transaction for the book, and takes each to its step. */
async function keyBook(services: AppServices, spec: DemoBook, book: BookRow, as: (a: Account) => AuthUser, random: () => number, records: BirthRecord[], pageIds: string[], history: ReturnType<typeof demoHistory>): Promise<EntryRow[]> {
  const steps = spec.plan.flatMap(([n, step]) => Array.from({ length: n }, () => step))
  if (steps.length === 0) return []
  const keyer = roleActor(as(spec.keyer))
  const reviewer = spec.reviewer ? roleActor(as(spec.reviewer)) : undefined
  const times = history.created.get(spec.key) ?? []
  return services.db.kysely.transaction().execute(async (trx) => {
    const rows: EntryRow[] = []
    const take = async (actor: RoleActor, row: EntryRow, action: EntryAction, at: Date | undefined, reason?: string) => {
      const result = await tryTransition(trx, actor, book, row, action, { reason, at })
      if (result.refused) throw refusalError(result.refused)
      return result.row
    }
    for (const [i, step] of steps.entries()) {
      const at = { so: i + 1, volume: book.volume, page: 1 + Math.floor(i / PER_PAGE) }
      const fields = entryFields(spec.type, random, spec.year, i, steps.length, at, records[i])
      // A draft is a keyer's unfinished work: the last fields not typed yet.
      if (step === 'draft') for (const key of Object.keys(fields).slice(-4)) delete fields[key]
      const page = pageIds[Math.floor(i / PER_PAGE)]
      // Created, then marked keyed a few minutes later; the reviewer's steps on a later afternoon.
      const createdAt = times[i]
      const keyedAt = createdAt && new Date(createdAt.getTime() + (4 + Math.floor(random() * 12)) * 60_000)
      const reviewedAt = keyedAt && history.reviewedAt(keyedAt)
      const approvedAt = reviewedAt && new Date(reviewedAt.getTime() + (step === 'checkedApproved' ? 20 * 60_000 : 0))
      let row = await createEntry(trx, keyer, book, { fields, ...(page && { pageIds: [page] }) }, { at: createdAt })
      if (step !== 'draft') row = await take(keyer, row, 'markKeyed', keyedAt)
      if (reviewer && (step === 'checked' || step === 'checkedApproved')) row = await take(reviewer, row, 'check', reviewedAt)
      if (reviewer && (step === 'approved' || step === 'checkedApproved')) row = await take(reviewer, row, 'approve', approvedAt)
      if (reviewer && step === 'returned') row = await take(reviewer, row, 'return', reviewedAt, RETURN_REASON)
      rows.push(row)
    }
    return rows
  })
}

/** After the first handover, more checked entries approved: they wait for the next batch. */
async function approveAfterHandover(services: AppServices, checked: EntryRow[], officer: AuthUser): Promise<void> {
  for (const entry of checked) await services.entries.transition(officer, entry.id, 'approve', entry.version)
}

/** Uploads `count` generated page images to the book (the scans module renders them in a job). */
async function uploadScans(services: AppServices, user: AuthUser, book: BookRow, count: number, random: () => number): Promise<string[]> {
  const title = `SỔ ĐĂNG KÝ ${book.book_type === 'KS' ? 'KHAI SINH' : book.book_type === 'KT' ? 'KHAI TỬ' : 'KẾT HÔN'} — Quyển ${book.volume} — ${book.issuing_authority}`
  const files = []
  for (let page = 1; page <= count; page++) {
    files.push(await services.scans.receive(`${book.book_type}-${book.volume.replace('/', '-')}-trang-${String(page).padStart(3, '0')}.jpg`, Readable.from([await pageImage(title, page, random)])))
  }
  await services.scans.ingest(user, book, files)
  const pages = await services.db.kysely.selectFrom('book_pages').select('id').where('book_id', '=', book.id).orderBy('position').execute()
  return pages.map((p) => p.id)
}

/** The same birth keyed twice (another số): the duplicate scan finds it and the officer keeps one, withdrawing the other. */
async function withdrawDuplicate(services: AppServices, book: BookRow, as: (a: Account) => AuthUser): Promise<void> {
  const db = services.db.kysely
  const keyer = as('sohoaAnPhu')
  const officer = as('tuphapAnPhu')
  const original = await db.selectFrom('entries').select(['id', 'fields']).where('book_id', '=', book.id).where('so', '=', 30).executeTakeFirstOrThrow()
  const last = await db.selectFrom('entries').select(db.fn.max('so').as('so')).where('book_id', '=', book.id).executeTakeFirstOrThrow()
  const fields = { ...original.fields, so: String(Number(last.so ?? 0) + 1) }
  await services.entries.create(keyer, book, { fields, complete: true })
  const { jobId } = await services.duplicates.scan(officer, { unitId: book.custodian_unit_id, bookId: book.id })
  await waitForJob(services, jobId)
  const pairs = await services.duplicates.list(officer, { unitId: book.custodian_unit_id, status: 'open', page: 1, pageSize: 20 })
  const pair = pairs.items.find((p) => p.entries.some((e) => e.id === original.id))
  if (pair) await services.duplicates.decide(officer, pair.id, { decision: 'same', keepEntryId: original.id, reason: 'Cùng một việc khai sinh ghi hai lần vào sổ' })
}

/**
 * The commune police load their extract (the 2019 births: most as the book writes them, four with
 * another birth date, six missing) and reconcile the book's entries: matches confirmed, the four
 * differences sent to the follow-up list, some not found, the rest waiting for a decision.
 */
async function reconcile(services: AppServices, as: (a: Account) => AuthUser, anPhu: string, records: BirthRecord[], entries: EntryRow[], today: Date): Promise<void> {
  const police = as('conganAnPhu')
  const rows: PopulationRow[] = []
  records.forEach((r, i) => {
    if (i >= 34) return
    const birth = i >= 30 ? `${r.child.birth.slice(0, 8)}${String(((Number(r.child.birth.slice(8)) + 8) % 28) + 1).padStart(2, '0')}` : r.child.birth
    rows.push({ personalId: personalIdOf(r.child, i + 1), person: { ...r.child, birth }, mother: r.mother.name, father: r.father.name })
  })
  records.forEach((r, i) => {
    rows.push({ personalId: `034${r.mother.birth.startsWith('19') ? '1' : '3'}${r.mother.birth.slice(2, 4)}${String(200_000 + i).slice(-6)}`, person: r.mother, mother: '', father: '' })
    rows.push({ personalId: `034${r.father.birth.startsWith('19') ? '0' : '2'}${r.father.birth.slice(2, 4)}${String(300_000 + i).slice(-6)}`, person: r.father, mother: '', father: '' })
  })
  const csv = Buffer.from(populationCsv(rows, 'Xã An Phú'), 'utf8')
  const upload = await services.population.upload(police, { stream: Readable.from([csv]), fileName: 'trich-xuat-dan-cu-an-phu.csv', truncated: () => false })
  const { jobId } = await services.population.createExtract(police, {
    uploadId: upload.uploadId, unitId: anPhu, source: 'Công an xã An Phú', extractDate: today.toISOString().slice(0, 10), mapping: upload.suggestedMapping,
  })
  if ((await waitForJob(services, jobId)) !== 'succeeded') return
  for (const [i, entry] of entries.entries()) {
    const result = await services.reconciliation.runEntry(police, entry.id)
    // Approved and returned entries keep their proposals waiting (a link would change an approved entry).
    const status = (await services.db.kysely.selectFrom('entries').select('status').where('id', '=', entry.id).executeTakeFirstOrThrow()).status
    if (status !== 'keyed' && status !== 'checked') continue
    if (i >= 30 && i < 34 && result.candidates.length > 0) {
      const decided = await services.reconciliation.decide(police, result.id, {
        outcome: 'mismatch', candidateIndex: 0, version: result.version, note: 'Ngày sinh trong sổ khác CSDL dân cư: đề nghị gia đình mang giấy khai sinh bản chính lên đối chiếu',
      })
      if (decided.followupId && i === 30) await services.followups.addNote(police, decided.followupId, 'Đã liên hệ trưởng thôn, hẹn gia đình lên UBND xã trong tuần')
    } else if (result.outcome === 'match' && i % 3 !== 0) {
      await services.reconciliation.decide(police, result.id, { outcome: 'match', version: result.version })
    } else if (result.outcome === 'not_found' && i % 2 === 0) {
      await services.reconciliation.decide(police, result.id, { outcome: 'not_found', version: result.version, note: 'Chưa có trong CSDL dân cư: đưa vào danh sách đề nghị cập nhật' })
    }
  }
}

/**
 * Plans: An Phú's approved by the province, Bình Minh's waiting for approval, Hòa Bình's still a draft.
 * Sized against the replayed pace, so the dashboard shows a commune on track (An Phú), one far behind
 * (Bình Minh) and one close to its deadline (Hòa Bình), not every commune years late.
 */
async function planCommunes(services: AppServices, as: (a: Account) => AuthUser, phaseId: string, units: { anPhu: string; binhMinh: string; hoaBinh: string }, today: Date): Promise<void> {
  const plans = services.campaign.plans
  const plan = async (account: Account, unitId: string, lines: Array<[BookTypeCode, number, number]>, team: Array<{ userId?: string; name?: string }>, perDay: number, note: string) => {
    const user = as(account)
    const created = await plans.create(user, { phaseId, unitId })
    return plans.update(user, created.id, PlanUpdate.parse({
      lines: lines.map(([bookType, booksPlanned, entriesPlanned]) => ({ bookType, booksPlanned, entriesPlanned })),
      team, startsOn: dayOffset(today, -35), endsOn: dayOffset(today, 140), entriesPerDay: perDay, note, version: created.version,
    }))
  }
  const anPhu = await plan('tuphapAnPhu', units.anPhu, [['KS', 10, 300], ['KT', 10, 60], ['KH', 9, 40]],
    [{ userId: as('tuphapAnPhu').id }, { userId: as('sohoaAnPhu').id }, { name: 'Đặng Thị Thu Trang' }], 8, 'Tổ số hóa 3 người; ưu tiên sổ khai sinh, sổ kết hôn 2016 đã mất (xem kiểm kê)')
  const submitted = await plans.transition(as('tuphapAnPhu'), anPhu.id, { action: 'submit', version: anPhu.version })
  await plans.transition(as('sotuphap'), submitted.id, { action: 'approve', version: submitted.version })
  const binhMinh = await plan('tuphapBinhMinh', units.binhMinh, [['KS', 10, 350], ['KT', 10, 100], ['KH', 10, 50]],
    [{ userId: as('tuphapBinhMinh').id }, { name: 'Lý Văn Phúc' }], 5, 'Thuê thêm một cộng tác viên nhập liệu từ tháng sau')
  await plans.transition(as('tuphapBinhMinh'), binhMinh.id, { action: 'submit', version: binhMinh.version })
  await plan('tuphapHoaBinh', units.hoaBinh, [['KS', 20, 200], ['KT', 20, 60]], [{ userId: as('tuphapHoaBinh').id }], 3, 'Gồm sổ của xã Hòa Lạc và xã Bình An cũ')
}

const JOB_DONE = ['succeeded', 'failed', 'cancelled']

async function waitForJob(services: AppServices, jobId: string, timeoutMs = 60_000): Promise<string> {
  const started = Date.now()
  for (;;) {
    const job = await services.db.kysely.selectFrom('jobs').select('status').where('id', '=', jobId).executeTakeFirstOrThrow()
    if (JOB_DONE.includes(job.status)) return job.status
    if (Date.now() - started > timeoutMs) throw new Error(`demo seed: job ${jobId} still ${job.status} after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Waits for every job queued by the seed (the scans' rendering), so the demo is whole when the server answers. */
async function waitForJobs(services: AppServices): Promise<void> {
  const pending = await services.db.kysely.selectFrom('jobs').select('id').where('status', 'in', ['queued', 'running']).execute()
  for (const job of pending) await waitForJob(services, job.id)
}
