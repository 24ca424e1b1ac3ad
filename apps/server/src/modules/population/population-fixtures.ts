/** Test helpers: a small synthetic commune population, written the way police extracts are. */
/* eslint-disable @typescript-eslint/no-explicit-any -- untyped JSON bodies from the real server, as in the tests */
import { expect } from 'vitest'
import type { Client, TestServer } from '../../test/harness'
import { unitIdByCode } from '../../test/factories'

export const POLICE_HEADERS = ['STT', 'SO_DINH_DANH', 'HO_TEN', 'NGAY_SINH', 'GIOI_TINH', 'NOI_SINH', 'QUE_QUAN', 'DAN_TOC', 'QUOC_TICH', 'HO_TEN_ME', 'HO_TEN_CHA', 'NOI_THUONG_TRU']

/** [personal ID, name, birth date, sex, mother, father]: synthetic people; common names repeat. */
export const AN_PHU_PEOPLE: ReadonlyArray<readonly [string, string, string, string, string, string]> = [
  ['034190001234', 'NGUYỄN THỊ HÒA', '12/05/1990', 'Nữ', 'TRẦN THỊ LAN', 'NGUYỄN VĂN MINH'],
  ['034085000111', 'NGUYỄN VĂN HÙNG', '03/02/1985', 'Nam', 'LÊ THỊ HẠNH', 'NGUYỄN VĂN TÂM'],
  ['034085000222', 'NGUYỄN VĂN HÙNG', '17/09/1985', 'Nam', 'PHẠM THỊ MAI', 'NGUYỄN VĂN SƠN'],
  ['034188000333', 'TRẦN THỊ LAN', '20/01/1968', 'Nữ', 'NGUYỄN THỊ HOA', 'TRẦN VĂN BÌNH'],
  ['034192000444', 'NGUYỄN THỊ LAN', '07/07/1992', 'Nữ', 'VŨ THỊ HUỆ', 'NGUYỄN VĂN QUANG'],
  ['034176000555', 'KHÚC THỊ DIỆP', '30/11/1976', 'Nữ', 'ĐỖ THỊ NỤ', 'KHÚC VĂN TIẾN'],
  ['034224000666', 'LÊ MINH KHANG', '01/03/2024', 'Nam', 'NGUYỄN THỊ LAN', 'LÊ VĂN ĐỨC'],
  ['034298000777', 'PHẠM GIA BẢO', '15/06/1998', 'Nam', 'HOÀNG THỊ YẾN', 'PHẠM VĂN LỰC'],
]

const SURNAMES = ['NGUYỄN', 'NGUYỄN', 'TRẦN', 'LÊ', 'PHẠM', 'VŨ']
const GIVEN = ['LAN', 'HÙNG', 'HOA', 'MINH', 'TUẤN', 'MAI', 'DŨNG', 'HƯƠNG']

const csvCell = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/** The commune's people plus filler so that frequencies look like a commune; `extra` rows appended as given. */
export function populationCsv(options: { filler?: number; extra?: string[][]; people?: typeof AN_PHU_PEOPLE } = {}): string {
  const rows: string[][] = [POLICE_HEADERS]
  const people = options.people ?? AN_PHU_PEOPLE
  people.forEach((p, i) => rows.push([String(i + 1), p[0], p[1], p[2], p[3], 'Xã An Phú, Huyện Đông Sơn, Tỉnh Sơn Hà', 'Xã An Phú', 'Kinh', 'Việt Nam', p[4], p[5], 'Thôn 2, xã An Phú']))
  for (let i = 0; i < (options.filler ?? 60); i++) {
    const female = i % 2 === 1
    const year = 1950 + (i % 60)
    rows.push([
      String(rows.length), `0341${String(year % 100).padStart(2, '0')}1${String(i).padStart(5, '0')}`,
      `${SURNAMES[i % SURNAMES.length]} ${female ? 'THỊ' : 'VĂN'} ${GIVEN[(i * 3) % GIVEN.length]}`,
      `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/${year}`,
      female ? 'Nữ' : 'Nam', 'Xã An Phú', '', 'Kinh', 'Việt Nam',
      `${SURNAMES[(i + 3) % SURNAMES.length]} THỊ ${GIVEN[(i * 5 + 1) % GIVEN.length]}`, `${SURNAMES[i % SURNAMES.length]} VĂN ${GIVEN[(i * 7 + 2) % GIVEN.length]}`, '',
    ])
  }
  for (const row of options.extra ?? []) rows.push(row)
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n')
}

export async function uploadFile(client: Client, content: string | Buffer, fileName: string) {
  const form = new FormData()
  form.append('file', new Blob([typeof content === 'string' ? Buffer.from(content, 'utf8') : content]), fileName)
  const response = await client.fetch('/api/population/uploads', { method: 'POST', body: form })
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

export async function waitForJob(client: Client, id: string, statuses = ['succeeded', 'failed', 'cancelled']) {
  for (let i = 0; i < 600; i++) {
    const job = (await client.get(`/api/jobs/${id}`)).body
    if (statuses.includes(job.status)) return job
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`job ${id} did not finish`)
}

/** Upload → suggested mapping → load job → the active extract. */
export async function loadPopulation(server: TestServer, client: Client, csv: string, unitCode = '98001', source = 'Công an xã An Phú') {
  const upload = await uploadFile(client, csv, 'dan-cu.csv')
  expect(upload.status).toBe(201)
  const created = await client.post('/api/population/extracts', {
    uploadId: upload.body.uploadId,
    unitId: await unitIdByCode(server, unitCode),
    source,
    extractDate: '2025-06-30',
    mapping: upload.body.suggestedMapping,
  })
  expect(created.status).toBe(202)
  const job = await waitForJob(client, created.body.jobId)
  expect(job.status).toBe('succeeded')
  return (await client.get(`/api/population/extracts/${created.body.extract.id}`)).body
}
