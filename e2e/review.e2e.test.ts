/**
 * Journey: a digitizer (sohoa.anphu) keys three birth entries of a scanned register (through the
 * API); the commune justice officer (tuphap.anphu) opens "Kiểm tra", sees the oldest entry beside its
 * page with the illegible field highlighted, approves it with Ctrl+Enter and lands on the next one,
 * returns that one with a reason (Alt+T), corrects the last one in place and approves it in the same
 * keystroke; the keyer then finds the returned entry with the reason, fixes it beside the page and
 * completes it again. Keystrokes are counted: a correct entry costs one chord.
 */
import { readFile } from 'node:fs/promises'
import type { Locator, Page } from 'playwright-core'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiOn, collectBrowserProblems, expectTextOn, logInWithKeyboard, snapshot, startJourney, type Journey, type ServerHandle } from './harness'

let server: ServerHandle
let journey: Journey
let officer: Page
let keyer: Page
let bookId = ''
let pageId = ''
const entryIds: string[] = []
const problems: string[] = []
/** Keys the officer pressed on the review screens, per entry. */
const keystrokes: number[] = []

type Json = Record<string, unknown>
interface Entry { id: string; status: string; returnReason: string | null; fields: Record<string, string>; version: number }

const REASON = 'Tên mẹ khác với trang sổ: Trần Thị Bích Ngọc'
const IGNORED = /\[antd: \w+\] .* is deprecated/

const asOfficer = (method: 'GET' | 'POST', url: string, data?: unknown): Promise<Json> => apiOn(officer, server.baseUrl, method, url, data)
const asKeyer = (method: 'GET' | 'POST', url: string, data?: unknown): Promise<Json> => apiOn(keyer, server.baseUrl, method, url, data)
const readEntry = async (id: string) => (await asOfficer('GET', `/api/entries/${id}`)) as Json & Entry
const expectText = (page: Page, locator: Locator, pattern: RegExp, timeout = 15_000) => expectTextOn(page, locator, pattern, timeout)

/** The review screen shows this entry (after loading it fresh from the server). */
const onEntry = (page: Page, id: string) => page.locator(`[data-testid="review-screen"][data-entry-id="${id}"]`).waitFor({ timeout: 20_000 })

const birth = (so: number, name: string) => ({
  so: String(so), quyenSo: '01/2024', trangSo: '1', ngayDangKy: `1${so}.03.2024`, loaiDangKy: '1',
  nksHoTen: name, nksGioiTinh: '1', nksNgaySinh: '01.03.2024', nksNoiSinh: 'Trạm y tế xã An Phú', nksDanToc: 'Kinh', nksQuocTich: 'Việt Nam',
  meHoTen: 'Trần Thị Bích', meNgaySinh: '12.05.1995', meDanToc: 'Kinh', meQuocTich: 'Việt Nam', meLoaiCuTru: '1',
  chaHoTen: 'Nguyễn Văn Cường', chaNgaySinh: '1992', chaDanToc: 'Kinh', chaQuocTich: 'Việt Nam', chaLoaiCuTru: '1',
})

/** The commune's population extract (as the police hand it over): the first child is there under his full name. */
const POPULATION = [
  ['STT', 'SO_DINH_DANH', 'HO_TEN', 'NGAY_SINH', 'GIOI_TINH', 'NOI_SINH', 'QUE_QUAN', 'DAN_TOC', 'QUOC_TICH', 'HO_TEN_ME', 'HO_TEN_CHA', 'NOI_THUONG_TRU'],
  ['1', '034224001234', 'NGUYỄN VĂN AN', '01/03/2024', 'Nam', 'Xã An Phú', 'Xã An Phú', 'Kinh', 'Việt Nam', 'TRẦN THỊ BÍCH', 'NGUYỄN VĂN CƯỜNG', 'Thôn 1, xã An Phú'],
  ...Array.from({ length: 30 }, (_, i) => [String(i + 2), `0340${String(60 + (i % 30))}1${String(i).padStart(5, '0')}`, `${['TRẦN', 'PHẠM', 'VŨ', 'HOÀNG'][i % 4]} VĂN ${['BẢO', 'BÌNH', 'CƯỜNG', 'DŨNG', 'GIANG'][i % 5]}`, `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/${1960 + (i % 30)}`, 'Nam', 'Xã An Phú', '', 'Kinh', 'Việt Nam', 'LÊ THỊ MAI', 'TRẦN VĂN HẢI', '']),
].map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n')

async function waitForJob(id: string): Promise<Json> {
  for (let i = 0; i < 400; i++) {
    const job = await asOfficer('GET', `/api/jobs/${id}`)
    if (['succeeded', 'failed', 'cancelled'].includes(String(job.status))) return job
    await officer.waitForTimeout(100)
  }
  throw new Error(`job ${id} did not finish`)
}

/** One scanned page of the register, drawn with pdf-lib (the server renders it into an image). */
async function scannedPage(): Promise<Buffer> {
  const pdf = await PDFDocument.create()
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  const p = pdf.addPage([595, 842])
  p.drawText('So dang ky khai sinh 01/2024 - trang 1', { x: 60, y: 780, size: 18, font })
  for (let line = 0; line < 20; line++) p.drawText(`Dong ${line + 1}: ......................................`, { x: 60, y: 720 - line * 30, size: 12, font })
  return Buffer.from(await pdf.save())
}

/** A key press on the review screen, counted. */
async function press(key: string): Promise<void> {
  keystrokes[keystrokes.length - 1] = (keystrokes.at(-1) ?? 0) + 1
  await officer.keyboard.press(key)
}

beforeAll(async () => {
  journey = await startJourney()
  server = journey.server
  officer = journey.page
  keyer = await (await journey.browser.newContext({ locale: 'vi-VN', viewport: { width: 1600, height: 1000 } })).newPage()
  collectBrowserProblems(officer, problems, IGNORED)
  collectBrowserProblems(keyer, problems, IGNORED)
})

afterAll(async () => journey?.close())

describe('kiểm tra và phê duyệt từ bàn phím', () => {
  it('sets up a scanned register; the digitizer keys and completes three entries', async () => {
    await logInWithKeyboard(officer, server.baseUrl, 'tuphap.anphu')
    await officer.waitForURL(/\/so$/)
    const me = (await asOfficer('GET', '/api/auth/me')).user as { unit: { id: string } }
    bookId = String((await asOfficer('POST', '/api/books', { bookType: 'KS', volume: '01/2024', year: 2024, issuingAuthority: 'UBND xã An Phú', custodianUnitId: me.unit.id })).id)
    const upload = await officer.request.post(`${server.baseUrl}/api/books/${bookId}/scans`, {
      multipart: { files: { name: 'so-khai-sinh.pdf', mimeType: 'application/pdf', buffer: await scannedPage() } },
    })
    expect(upload.ok()).toBe(true)
    for (let i = 0; i < 300 && !pageId; i++) {
      const pages = (await asOfficer('GET', `/api/books/${bookId}/pages`)) as { items: Array<{ id: string; status: string }> }
      if (pages.items[0]?.status === 'ready') pageId = pages.items[0].id
      else await officer.waitForTimeout(200)
    }
    expect(pageId).not.toBe('')

    await logInWithKeyboard(keyer, server.baseUrl, 'sohoa.anphu')
    await keyer.waitForURL(/\/so$/)
    const keyerId = String(((await asKeyer('GET', '/api/auth/me')).user as { id: string }).id)
    await asOfficer('POST', `/api/books/${bookId}/assignments`, { userId: keyerId })
    // The book wrote the first child without his middle name: the population database differs there.
    const names = ['Nguyễn An', 'Lê Thị Hoa', 'Phạm Văn Bính']
    for (const [i, name] of names.entries()) {
      const created = await asKeyer('POST', `/api/books/${bookId}/entries`, {
        fields: birth(i + 1, name), pageIds: [pageId], complete: true, ...(i === 0 && { illegibleFields: ['meHoTen'] }),
      })
      expect(created.status).toBe('keyed')
      entryIds.push(String(created.id))
    }

    const upload2 = await officer.request.post(`${server.baseUrl}/api/population/uploads`, { multipart: { file: { name: 'dan-cu.csv', mimeType: 'text/csv', buffer: Buffer.from(POPULATION, 'utf8') } } })
    expect(upload2.status()).toBe(201)
    const uploaded = (await upload2.json()) as { uploadId: string; suggestedMapping: Record<string, number> }
    const extract = await asOfficer('POST', '/api/population/extracts', { uploadId: uploaded.uploadId, unitId: me.unit.id, source: 'Công an xã An Phú', extractDate: '2025-06-30', mapping: uploaded.suggestedMapping })
    expect((await waitForJob(String(extract.jobId))).status).toBe('succeeded')
    const result = await asOfficer('POST', `/api/entries/${entryIds[0]}/reconcile`, {})
    expect(result.differences).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'name' })]))
  })

  it('the officer opens "Kiểm tra": the oldest entry waits first, beside its page, its illegible field highlighted', async () => {
    await officer.getByRole('menuitem', { name: 'Kiểm tra' }).click()
    await officer.waitForURL(/\/kiem-tra/)
    await expectText(officer, officer.getByTestId('review-queue'), /Nguyễn An[\s\S]*Lê Thị Hoa[\s\S]*Phạm Văn Bính/)
    await officer.getByTestId('review-start').waitFor()
    await officer.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'review-start')
    await snapshot(officer, 'rv-01-queue')

    keystrokes.push(0)
    await press('Enter')
    const [first, second] = entryIds as [string, string]
    await onEntry(officer, first)
    await officer.getByTestId('page-image').waitFor({ timeout: 20_000 })
    expect(await officer.getByTestId('page-image').getAttribute('data-page-id')).toBe(pageId)
    expect(await officer.locator('[data-field="meHoTen"]').getAttribute('data-highlight')).toContain('illegible')
    await officer.locator('[data-field="nksHoTen"] [data-testid="highlight-population"]').waitFor({ timeout: 15_000 })
    await expectText(officer, officer.getByTestId('attention-summary'), /2 ô cần chú ý[\s\S]*Khác CSDL dân cư[\s\S]*Mẹ: Họ, chữ đệm, tên: Khó đọc/)
    expect(await officer.locator('#nksHoTen').inputValue()).toBe('Nguyễn An')
    // The queue never offers the keyer's own work, nor this officer anything but what the server allows.
    await expectText(officer, officer.getByTestId('review-actions'), /Phê duyệt \(Ctrl\+Enter\)[\s\S]*Xác nhận đã kiểm tra[\s\S]*Trả lại người nhập/)
    await snapshot(officer, 'rv-02-entry')

    // Ctrl+Enter works at once (no click first): approved, and the next entry opens.
    keystrokes.push(0)
    await press('Control+Enter')
    await onEntry(officer, second)
    expect((await readEntry(first)).status).toBe('approved')
  })

  it('returns the next one with a reason (Alt+T), then corrects the last one in place and approves it in one request', async () => {
    const [, second, third] = entryIds as [string, string, string]
    keystrokes.push(0)
    await press('Alt+T')
    await officer.locator('#returnReason').waitFor()
    await officer.waitForFunction(() => document.activeElement?.id === 'returnReason')
    // An empty reason is refused before anything is sent.
    await press('Enter')
    await expectText(officer, officer.locator('#returnReason-help'), /Ghi lý do trả lại/)
    await officer.keyboard.type(REASON)
    await press('Enter')
    await onEntry(officer, third)
    expect(await readEntry(second)).toMatchObject({ status: 'returned', returnReason: REASON })

    keystrokes.push(0)
    await officer.locator('#nksHoTen').fill('Phạm Văn Bình')
    await expectText(officer, officer.getByTestId('review-main'), /Lưu chỗ sửa và phê duyệt/)
    const puts: string[] = []
    officer.on('request', (r) => { if (r.url().includes(`/api/entries/${third}`) && r.method() !== 'GET') puts.push(`${r.method()} ${new URL(r.url()).pathname}`) })
    await press('Control+Enter')
    await officer.waitForURL(/\/kiem-tra\?/)
    await expectText(officer, officer.getByTestId('review-queue'), /Không có trường hợp nào chờ kiểm tra/)
    expect(puts).toEqual([`PUT /api/entries/${third}`])
    const corrected = await readEntry(third)
    expect(corrected).toMatchObject({ status: 'approved' })
    expect(corrected.fields.nksHoTen).toBe('Phạm Văn Bình')
  })

  it('the book shows its entries by status; the officer may approve none of what is left', async () => {
    await officer.goto(`${server.baseUrl}/so/${bookId}`)
    await expectText(officer, officer.getByTestId('book-review'), /Bị trả lại để sửa: 1[\s\S]*Đã phê duyệt: 2/)
    expect(await officer.getByTestId('approve-checked').isDisabled()).toBe(true)
  })

  it('the keyer finds the returned entry with its reason, fixes it beside the page and completes it again', async () => {
    const [, second] = entryIds as [string, string]
    await keyer.goto(`${server.baseUrl}/nhap-lieu`)
    await expectText(keyer, keyer.getByTestId('returned-entries'), new RegExp(`Bị trả lại để sửa: 1 trường hợp[\\s\\S]*số 2 · Lê Thị Hoa[\\s\\S]*${REASON}`))
    await snapshot(keyer, 'rv-03-returned')
    await keyer.getByTestId('returned-entry').getByRole('link').click()
    await onEntry(keyer, second)
    await expectText(keyer, keyer.getByTestId('return-reason'), new RegExp(REASON))
    await keyer.getByTestId('page-image').waitFor({ timeout: 20_000 })
    await snapshot(keyer, 'rv-04-fix')
    await keyer.locator('#meHoTen').fill('Trần Thị Bích Ngọc')
    await keyer.keyboard.press('Control+Enter')
    await keyer.waitForURL(/\/nhap-lieu$/)
    expect(await readEntry(second)).toMatchObject({ status: 'keyed', returnReason: null, fields: expect.objectContaining({ meHoTen: 'Trần Thị Bích Ngọc' }) })
    // The list refetches after the save: on a loaded machine its old copy can show for a moment.
    await keyer.getByTestId('returned-entries').waitFor({ state: 'detached', timeout: 20_000 })
  })

  it('the officer hands over the whole commune from the book list; the batch\'s PDFs are built and the package holds one per entry', async () => {
    await officer.goto(`${server.baseUrl}/so`)
    const card = officer.getByTestId('unit-handover')
    await expectText(officer, card, /\d+ trường hợp đã phê duyệt trong \d+ sổ sẵn sàng chuyển giao/)
    await card.getByTestId('unit-hand-over').click()
    const dialog = officer.getByRole('dialog')
    await expectText(officer, dialog, /Mỗi sổ thành một đợt chuyển giao riêng/)
    await dialog.getByRole('button', { name: /^Chuyển giao \d+ trường hợp$/ }).click()
    await expectText(officer, officer.getByTestId('unit-handover-result'), /Đã chuyển giao \d+ trường hợp thành \d+ đợt/)
    for (const id of entryIds.slice(0, 3)) {
      const entry = await readEntry(id)
      if (entry.status !== 'keyed') expect(entry.status).toBe('handed_over')
    }
    // The book's batch: its PDFs are built in the background, then the package can be downloaded.
    await officer.goto(`${server.baseUrl}/so/${bookId}`)
    const batches = officer.getByTestId('handover-batches')
    await expectText(officer, batches, /Excel \+ 2 tệp PDF/, 60_000)
    await snapshot(officer, 'rv-05-handover')
    const [download] = await Promise.all([officer.waitForEvent('download'), batches.getByRole('link', { name: /Tải gói \(\.zip\)/ }).click()])
    expect(download.suggestedFilename()).toMatch(/\.KS\.2024\.01\.chuyengiao\.\d{4}-\d{2}-\d{2}\.[0-9a-f]{8}\.zip$/)
    const path = await download.path()
    const bytes = await readFile(path)
    // Zip entries are stored by name in the clear, and the PDFs' zip is stored uncompressed inside.
    const text = bytes.toString('latin1')
    expect(text).toContain('manifest.json')
    expect(text.match(/KS\.2024\.01\.2024-03-1\d\.00\d\.pdf/g)?.length).toBeGreaterThanOrEqual(2)
  })

  it('counts: one chord per correct entry, and nothing broken in the browsers', () => {
    // [open the first, approve, return (Alt+T, empty Enter, Enter), correct and approve]
    expect(keystrokes).toEqual([1, 1, 3, 1])
    console.log(`review: ${keystrokes[1]} keystroke per correct entry approved (Ctrl+Enter), opening the queue's first entry ${keystrokes[0]} (Enter)`)
    expect(problems).toEqual([])
  })
})
