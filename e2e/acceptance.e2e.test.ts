/**
 * Journey: acceptance by sampling (nghiệm thu). A commune's digitizer (sohoa.anphu) keys five birth
 * entries of a scanned register and the commune's justice officer (tuphap.anphu) approves them, through
 * the API. In the browser, the province's inspector (sotuphap) draws a lot of them, goes through the
 * sample beside the page image from the keyboard, marks one wrong field with its right value and
 * decides: the lot is rejected and the wrong entry goes back to its keyer. Once it is fixed and approved
 * again, the inspector re-samples, finds everything right, accepts, and downloads the PDF record.
 */
import { samplingPlan } from '@hts/domain'
import fs from 'node:fs'
import type { APIRequestContext, Locator, Page } from 'playwright-core'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectBrowserProblems, DEMO_PASSWORD, expectTextOn, logInWithKeyboard, snapshot, startJourney, type Journey, type ServerHandle } from './harness'

let server: ServerHandle
let journey: Journey
let inspector: Page
let keyer: APIRequestContext
let officer: APIRequestContext
let bookId = ''
let pageId = ''
let rejectedLotId = ''
let wrongEntryId = ''
const entryIds: string[] = []
const problems: string[] = []

type Json = Record<string, unknown>
interface Sample { entryId: string; position: number; inspected: boolean; errors: Array<{ field: string; found: string; correct: string }> }
interface Lot { id: string; status: string; lotSize: number; sampleSize: number; acceptanceNumber: number; rejectionNumber: number; seed: string; amount: number; previousLotId: string | null; samples: Sample[] }
interface Entry { id: string; status: string; version: number; returnReason: string | null; fields: Record<string, string> }

const LOT_SIZE = 5
const UNIT_PRICE = 5000
const PHASE = 'Giai đoạn 1 (2024)'
const RIGHT_MOTHER = 'Trần Thị Bích Ngà'

/** JSON from the API with a session; a refusal throws with what the server said. */
async function call(api: APIRequestContext, method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown): Promise<Json> {
  const res = await api.fetch(server.baseUrl + url, { method, data })
  if (!res.ok()) throw new Error(`${method} ${url}: ${res.status()} ${await res.text()}`)
  return (await res.json()) as Json
}

/** A signed-in API session of its own (cookies kept in its own browser context). */
async function session(username: string): Promise<APIRequestContext> {
  const context = await journey.browser.newContext()
  await call(context.request, 'POST', '/api/auth/login', { username, password: DEMO_PASSWORD })
  return context.request
}

const readLot = async (id: string) => (await call(officer, 'GET', `/api/acceptance/lots/${id}`)) as Json & Lot
const readEntry = async (id: string) => (await call(officer, 'GET', `/api/entries/${id}`)) as Json & Entry
const expectText = (locator: Locator, pattern: RegExp, timeout = 15_000) => expectTextOn(inspector, locator, pattern, timeout)
const onSample = (entryId: string) => inspector.locator(`[data-testid="inspect-screen"][data-entry-id="${entryId}"]`).waitFor({ timeout: 20_000 })
const onLot = (status: string) => inspector.locator(`[data-testid="lot-page"][data-status="${status}"]`).waitFor({ timeout: 20_000 })
const lotIdInUrl = () => /\/nghiem-thu\/([0-9a-f-]{36})$/.exec(new URL(inspector.url()).pathname)?.[1] ?? ''

/** The factories' birth entry (apps/server/src/test/factories.ts), numbered. */
const birth = (so: number) => ({
  so: String(so), quyenSo: '05/2024', trangSo: '1', ngayDangKy: `1${so}.03.2024`, loaiDangKy: '1',
  nksHoTen: `Nguyễn Văn Số ${so}`, nksGioiTinh: '1', nksNgaySinh: '01.03.2024', nksDanToc: 'Kinh', nksQuocTich: 'Việt Nam',
  meHoTen: 'Trần Thị Bích', meNgaySinh: '12.05.1995', meDanToc: 'Kinh', meQuocTich: 'Việt Nam', meLoaiCuTru: '1',
  chaHoTen: 'Nguyễn Văn Cường', chaNgaySinh: '1992', chaDanToc: 'Kinh', chaQuocTich: 'Việt Nam', chaLoaiCuTru: '1',
})

/** One scanned page of the register, drawn with pdf-lib (the server renders it into an image). */
async function scannedPage(): Promise<Buffer> {
  const pdf = await PDFDocument.create()
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  const p = pdf.addPage([595, 842])
  p.drawText('So dang ky khai sinh 05/2024 - trang 1', { x: 60, y: 780, size: 18, font })
  for (let line = 0; line < 20; line++) p.drawText(`Dong ${line + 1}: ......................................`, { x: 60, y: 720 - line * 30, size: 12, font })
  return Buffer.from(await pdf.save())
}

/** Opens the lot's first entry still to inspect from the lot page (Enter on the focused button). */
async function openNextSample(first: Sample): Promise<void> {
  await inspector.getByTestId('inspect-next').waitFor()
  await inspector.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'inspect-next')
  await inspector.keyboard.press('Enter')
  await onSample(first.entryId)
}

/** "Kết luận" with its confirmation, which names the decision before it is taken. */
async function decide(expected: RegExp, status: string): Promise<void> {
  await inspector.getByTestId('lot-decide').click()
  await expectText(inspector.locator('.ant-modal-confirm'), expected)
  await inspector.getByRole('button', { name: 'Xác nhận kết luận' }).click()
  await onLot(status)
}

beforeAll(async () => {
  journey = await startJourney()
  server = journey.server
  inspector = journey.page
  collectBrowserProblems(inspector, problems)
  keyer = await session('sohoa.anphu')
  officer = await session('tuphap.anphu')
})

afterAll(async () => journey?.close())

describe('nghiệm thu theo lấy mẫu', () => {
  it('sets up five approved entries of a scanned register (keyed by the digitizer, approved by the commune)', async () => {
    const me = (await call(officer, 'GET', '/api/auth/me')).user as { unit: { id: string } }
    bookId = String((await call(officer, 'POST', '/api/books', { bookType: 'KS', volume: '05/2024', year: 2024, issuingAuthority: 'UBND xã An Phú', custodianUnitId: me.unit.id })).id)
    const upload = await officer.post(`${server.baseUrl}/api/books/${bookId}/scans`, {
      multipart: { files: { name: 'so-khai-sinh.pdf', mimeType: 'application/pdf', buffer: await scannedPage() } },
    })
    expect(upload.ok()).toBe(true)
    for (let i = 0; i < 300 && !pageId; i++) {
      const pages = (await call(officer, 'GET', `/api/books/${bookId}/pages`)) as { items: Array<{ id: string; status: string }> }
      if (pages.items[0]?.status === 'ready') pageId = pages.items[0].id
      else await inspector.waitForTimeout(200)
    }
    expect(pageId).not.toBe('')
    const keyerId = String(((await call(keyer, 'GET', '/api/auth/me')).user as { id: string }).id)
    await call(officer, 'POST', `/api/books/${bookId}/assignments`, { userId: keyerId })

    for (let so = 1; so <= LOT_SIZE; so++) {
      const keyed = (await call(keyer, 'POST', `/api/books/${bookId}/entries`, { fields: birth(so), pageIds: [pageId], complete: true })) as Json & Entry
      expect(keyed.status).toBe('keyed')
      const approved = (await call(officer, 'POST', `/api/entries/${keyed.id}/transitions`, { action: 'approve', version: keyed.version })) as Json & Entry
      expect(approved.status).toBe('approved')
      entryIds.push(keyed.id)
    }
  })

  it('the inspector draws a lot of the book: the ISO 2859-1 plan, the seed and the amount are shown', async () => {
    await logInWithKeyboard(inspector, server.baseUrl, 'sotuphap')
    // The province's officer lands on the campaign dashboard (issue 13).
    await inspector.waitForURL(/\/tien-do$/)
    await inspector.getByRole('menuitem', { name: 'Nghiệm thu' }).click()
    await inspector.waitForURL(/\/nghiem-thu$/)
    await inspector.getByTestId('lot-create').click()

    await inspector.locator('#unitId').click()
    await inspector.keyboard.type('An Phú')
    await inspector.keyboard.press('Enter')
    await inspector.locator('#bookId').click()
    await inspector.keyboard.type('05/2024')
    await inspector.keyboard.press('Enter')
    await inspector.locator('#phase').fill(PHASE)
    // The AQL comes preselected at the default, with the reason beside it.
    await expectText(inspector.getByTestId('lot-form'), /1,0 % \(mặc định\)[\s\S]*một trường hợp sai dù chỉ một ô/)
    await inspector.locator('#unitPrice').fill(String(UNIT_PRICE))
    await snapshot(inspector, 'nt-01-form')
    await inspector.getByTestId('lot-submit').click()
    await onLot('inspecting')
    rejectedLotId = lotIdInUrl()
    expect(rejectedLotId).not.toBe('')

    const lot = await readLot(rejectedLotId)
    const plan = samplingPlan({ lotSize: LOT_SIZE, aql: 1 })
    expect(lot).toMatchObject({ lotSize: LOT_SIZE, sampleSize: plan.sampleSize, acceptanceNumber: plan.acceptance, rejectionNumber: plan.rejection, amount: LOT_SIZE * UNIT_PRICE })
    expect(new Set(lot.samples.map((s) => s.entryId))).toEqual(new Set(entryIds))
    await expectText(inspector.getByTestId('lot-plan'), new RegExp(`Cỡ lô \\(N\\)\\s*${LOT_SIZE} trường hợp[\\s\\S]*Cỡ mẫu \\(n\\)\\s*${plan.sampleSize} — kiểm tra toàn bộ lô[\\s\\S]*Ac / Re\\s*${plan.acceptance} / ${plan.rejection}`))
    await expectText(inspector.getByTestId('lot-seed'), new RegExp(lot.seed))
    await expectText(inspector.getByTestId('lot-amount'), /25\.000\s₫/)
    await expectText(inspector.getByTestId('lot-progress'), /Đã kiểm tra 0\/5/)
    expect(await inspector.getByTestId('lot-decide').isDisabled()).toBe(true)
    await snapshot(inspector, 'nt-02-lot')
  })

  it('inspects the sample beside the page: one wrong field marked with its right value, the rest right with Ctrl+Enter', async () => {
    const lot = await readLot(rejectedLotId)
    const samples = [...lot.samples].sort((a, b) => a.position - b.position)
    const [first, second] = samples as [Sample, Sample]
    wrongEntryId = first.entryId

    await openNextSample(first)
    await inspector.getByTestId('page-image').waitFor({ timeout: 20_000 })
    expect(await inspector.getByTestId('page-image').getAttribute('data-page-id')).toBe(pageId)
    // Click the mother's name: marked wrong, the box for the right value takes the typing at once.
    await inspector.locator('[data-field="meHoTen"] button').click()
    await inspector.waitForFunction(() => document.activeElement?.id === 'correct-meHoTen')
    await inspector.keyboard.type(RIGHT_MOTHER)
    await expectText(inspector.getByTestId('inspect-save-errors'), /Lưu lỗi \(1 ô, Ctrl\+Enter\)/)
    await snapshot(inspector, 'nt-03-inspect')
    await inspector.keyboard.press('Control+Enter')
    await onSample(second.entryId)

    // A "right value" equal to what was keyed is no error: refused before sending; Esc unmarks.
    await inspector.locator('[data-field="nksHoTen"] button').click()
    await inspector.waitForFunction(() => document.activeElement?.id === 'correct-nksHoTen')
    await inspector.keyboard.press('Control+Enter')
    await inspector.locator('[data-field="nksHoTen"] [aria-invalid="true"]').waitFor()
    expect((await readLot(rejectedLotId)).samples.find((s) => s.entryId === second.entryId)?.inspected).toBe(false)
    await inspector.keyboard.press('Escape')
    await inspector.waitForFunction(() => document.activeElement?.id === 'field-nksHoTen')
    expect(await inspector.locator('[data-field="nksHoTen"]').getAttribute('data-marked')).toBeNull()

    for (const next of samples.slice(2)) {
      await inspector.keyboard.press('Control+Enter')
      await onSample(next.entryId)
    }
    await inspector.keyboard.press('Control+Enter')
    await inspector.waitForURL(new RegExp(`/nghiem-thu/${rejectedLotId}$`))
    await expectText(inspector.getByTestId('lot-progress'), /Đã kiểm tra 5\/5 · Sai: 1 trường hợp \(1 ô\)/)
    const inspected = await readLot(rejectedLotId)
    expect(inspected.samples.every((s) => s.inspected)).toBe(true)
    expect(inspected.samples.find((s) => s.entryId === wrongEntryId)?.errors).toEqual([{ field: 'meHoTen', found: 'Trần Thị Bích', correct: RIGHT_MOTHER, label: 'Họ, chữ đệm, tên' }])
  })

  it('decides: rejected, errors by field and by keyer shown; the wrong entry is back with its keyer', async () => {
    await decide(/KHÔNG ĐẠT[\s\S]*1 trường hợp sai[\s\S]*trả lại người nhập/, 'rejected')
    await expectText(inspector.getByTestId('lot-result'), /Không đạt — trả lại để sửa/)
    await expectText(inspector.getByTestId('errors-by-field'), /Họ, chữ đệm, tên\s*1/)
    await expectText(inspector.getByTestId('errors-by-keyer'), /Lê Văn Khoa\s*5\s*1\s*1/)
    const so = entryIds.indexOf(wrongEntryId) + 1
    await expectText(inspector.getByTestId('rework'), new RegExp(`Số ${so} · Nguyễn Văn Số ${so} · người nhập Lê Văn Khoa: Họ, chữ đệm, tên đúng là "${RIGHT_MOTHER}"[\\s\\S]*Bị trả lại để sửa`))
    await snapshot(inspector, 'nt-04-rejected')

    const entry = await readEntry(wrongEntryId)
    expect(entry.status).toBe('returned')
    expect(entry.returnReason).toContain(RIGHT_MOTHER)
    expect(entry.returnReason).toContain(PHASE)
    const others = await Promise.all(entryIds.filter((id) => id !== wrongEntryId).map(readEntry))
    expect(others.map((e) => e.status)).toEqual(['approved', 'approved', 'approved', 'approved'])
  })

  it('after the fix and a new approval, re-samples the same definition, finds all right and accepts', async () => {
    const returned = (await call(keyer, 'GET', `/api/entries/${wrongEntryId}`)) as Json & Entry
    const fixed = (await call(keyer, 'PUT', `/api/entries/${wrongEntryId}`, { fields: { ...returned.fields, meHoTen: RIGHT_MOTHER }, version: returned.version, complete: true })) as Json & Entry
    await call(officer, 'POST', `/api/entries/${wrongEntryId}/transitions`, { action: 'approve', version: fixed.version })

    await inspector.reload()
    await expectText(inspector.getByTestId('rework'), /Hiện: Đã phê duyệt/)
    await inspector.getByTestId('lot-resample').click()
    // The new lot's answer is awaited first: should the page not move, the failure then says whether the draw was
    // refused (and why) or never asked (one CI run timed out on the address alone, 6 Dec 2026).
    const drawn = inspector.waitForResponse((r) => new URL(r.url()).pathname === '/api/acceptance/lots' && r.request().method() === 'POST')
    await inspector.getByRole('button', { name: 'Lấy mẫu lại', exact: true }).click()
    const answer = await drawn
    expect(answer.status(), await answer.text()).toBe(201)
    await inspector.waitForURL((url) => /\/nghiem-thu\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(rejectedLotId))
    await onLot('inspecting')
    const lot = await readLot(lotIdInUrl())
    expect(lot).toMatchObject({ previousLotId: rejectedLotId, lotSize: LOT_SIZE, amount: LOT_SIZE * UNIT_PRICE })
    expect(lot.seed).not.toBe((await readLot(rejectedLotId)).seed)

    // One chord per right entry.
    const samples = [...lot.samples].sort((a, b) => a.position - b.position)
    await openNextSample(samples[0] as Sample)
    for (const next of samples.slice(1)) {
      await inspector.keyboard.press('Control+Enter')
      await onSample(next.entryId)
    }
    await inspector.keyboard.press('Control+Enter')
    await inspector.waitForURL(new RegExp(`/nghiem-thu/${lot.id}$`))
    await expectText(inspector.getByTestId('lot-progress'), /Đã kiểm tra 5\/5 · Sai: 0 trường hợp/)
    await decide(/ĐẠT[\s\S]*0 trường hợp sai/, 'accepted')
    await expectText(inspector.getByTestId('lot-result'), /Đạt — nghiệm thu/)
    expect((await readLot(lot.id)).status).toBe('accepted')
    await snapshot(inspector, 'nt-05-accepted')
  })

  it('downloads the acceptance record as PDF, lists both lots, and nothing broke in the browser', async () => {
    const [download] = await Promise.all([inspector.waitForEvent('download'), inspector.getByTestId('lot-result').getByRole('link', { name: /Biên bản PDF/ }).click()])
    expect(download.suggestedFilename()).toMatch(/\.pdf$/)
    const bytes = new Uint8Array(fs.readFileSync(await download.path()))
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-')
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const doc = await pdfjs.getDocument({ data: bytes }).promise
    const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ')
    expect(text).toContain('BIÊN BẢN NGHIỆM THU')
    expect(text).toContain('Đạt — nghiệm thu')

    await inspector.getByRole('menuitem', { name: 'Nghiệm thu' }).click()
    await inspector.waitForURL(/\/nghiem-thu$/)
    await expectText(inspector.getByTestId('lots-table'), /Đạt — nghiệm thu[\s\S]*5\/5[\s\S]*25\.000\s₫[\s\S]*Biên bản PDF[\s\S]*Không đạt — trả lại để sửa[\s\S]*5\/5/)
    expect(problems).toEqual([])
  })
})
