import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PageOcrView } from '@hts/domain'
import { buildBirthFields, createBook } from '../../test/factories'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { buildPng, uploadScans, waitForJob } from '../scans/scan-fixtures'
import type { OcrEngine } from './engine'
import { textLines } from './ocr-fixtures'

/**
 * The header values that repeat through a book (the signer here), and the parts of its places, are
 * settled against the book's other reads near the page and its keyed entries when the page's read
 * is shown (issue 16). A stand-in engine reads two entries a page; the image's width says which
 * signers and residences it "sees".
 */
const SIGNERS_BY_WIDTH = new Map<number, [string, string]>([
  [801, ['Hồ Đắc Thượng', 'Hồ Đắc Thượng']],
  [802, ['Hổ Đắc Thượng', 'Nguyễn Văn Lực']],
  [803, ['Phan Văn Vửng', 'Phan Văn Vửng']],
  [804, ['Hổ Đắc Thượng', 'Trương Thị Ngọc Diệp']],
  [805, ['Hồ Đắc Thượng', 'Hồ Đắc Thượng']],
  [806, ['Hồ Đắc Thượng', 'Hồ Đắc Thượng']],
])
/** The mother's residence on each entry of the page of that width; the other pages print none. */
const RESIDENCE_BY_WIDTH = new Map<number, [string, string]>([
  [805, ['thôn Đông, xã Yên Lạc, huyện Yên Lạc', 'xóm Chợ, xã Yên Lạc, huyện Yên Lạc']],
  [806, ['thôn Đông; xã Yên Lặc, huyện Yên Lạc', 'thôn Đoài, xã Yên Lộc, huyện Yên Lạc']],
])

const pageText = (signers: readonly string[], residences: readonly string[] = []) => signers.map((signer, i) => `Số: ${31 + i} Quyển số: 01/2024
Người được khai sinh
Họ, chữ đệm, tên: NGUYỄN VĂN AN Giới tính: Nam
${residences[i] ? `Người mẹ\nHọ, chữ đệm, tên: TRẦN THỊ BÌNH\nNơi cư trú: ${residences[i]}\n` : ''}Người ký: ${signer} Chức vụ: Chủ tịch`).join('\n')

const engine: OcrEngine = {
  name: 'test: signers',
  async read(image) {
    const { width } = await sharp(image).metadata()
    return { lines: textLines(pageText(SIGNERS_BY_WIDTH.get(width) ?? [], RESIDENCE_BY_WIDTH.get(width)), 88), ms: 5 }
  },
  close: async () => {},
}

let server: TestServer
let officer: Client
let keyer: Client

beforeAll(async () => {
  server = await startTestServer({ ocrEngine: engine })
  officer = await server.login('tuphap.anphu')
  keyer = await server.login('sohoa.anphu')
})
afterAll(async () => server?.close())

/** Uploads pages of the given widths (one file each, in that order) and returns their ids by position. */
async function pages(bookId: string, widths: readonly number[]): Promise<string[]> {
  const files = await Promise.all(widths.map(async (width, i) => ({ name: `p${i + 1}.png`, data: await buildPng(width, 1100, '#f4f4f4') })))
  const upload = await uploadScans(officer, bookId, files)
  expect(upload.status).toBe(201)
  expect((await waitForJob(officer, upload.body.jobId ?? '')).status).toBe('succeeded')
  const listed = (await officer.get(`/api/books/${bookId}/pages`)).body as { items: { id: string; position: number }[] }
  return [...listed.items].sort((a, b) => a.position - b.position).map((p) => p.id)
}

async function valuesOn(pageId: string, key = 'nguoiKy'): Promise<string[]> {
  for (let i = 0; i < 300; i++) {
    const response = await keyer.get(`/api/pages/${pageId}/ocr`)
    expect(response.status).toBe(200)
    const view = PageOcrView.parse(response.body)
    if (view.status === 'done') return view.entries.map((e) => e.fields.find((f) => f.key === key)?.value ?? '')
    expect(view.status).toBe('pending')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`page ${pageId} not read`)
}

describe('values that repeat through a book', () => {
  it('a misread signer takes the spelling the book’s other reads give; another signer stays; the stored read is unchanged', async () => {
    const book = await createBook(officer, server, '98001', { volume: '51/2024' })
    const [first = '', second = ''] = await pages(book.id, [801, 802])
    expect(await valuesOn(first)).toEqual(['Hồ Đắc Thượng', 'Hồ Đắc Thượng'])
    expect(await valuesOn(second)).toEqual(['Hồ Đắc Thượng', 'Nguyễn Văn Lực'])
    const stored = await server.db.kysely.selectFrom('page_ocr').select('entries').where('page_id', '=', second).executeTakeFirstOrThrow()
    expect(JSON.stringify(stored.entries)).toContain('Hổ Đắc Thượng')
  })

  it('what a keyer saved in the book outweighs two reads', async () => {
    const book = await createBook(officer, server, '98001', { volume: '52/2024' })
    const saved = await keyer.post(`/api/books/${book.id}/entries`, { fields: buildBirthFields({ so: '30', nguoiKy: 'Phan Văn Vững' }) })
    expect(saved.status).toBe(201)
    const [pageId = ''] = await pages(book.id, [803])
    expect(await valuesOn(pageId)).toEqual(['Phan Văn Vững', 'Phan Văn Vững'])
  })

  it('another book’s reads are no votes: a read alone in its book stays as read', async () => {
    const book = await createBook(officer, server, '98001', { volume: '53/2024' })
    const [pageId = ''] = await pages(book.id, [804])
    expect(await valuesOn(pageId)).toEqual(['Hổ Đắc Thượng', 'Trương Thị Ngọc Diệp'])
  })

  it('a part of a place read with a mark astray takes the book’s spelling; a part of other letters stays', async () => {
    const book = await createBook(officer, server, '98001', { volume: '54/2024' })
    const [, second = ''] = await pages(book.id, [805, 806])
    // "Yên Lặc" is the book's "Yên Lạc" (only the mark differs) and the lost comma comes back; "Yên Lộc" is another commune.
    expect(await valuesOn(second, 'meNoiCuTru')).toEqual(['thôn Đông, xã Yên Lạc, huyện Yên Lạc', 'thôn Đoài, xã Yên Lộc, huyện Yên Lạc'])
  })
})
