import type { Client, TestServer } from './harness'

export async function unitIdByCode(server: TestServer, code: string): Promise<string> {
  const row = await server.db.kysely.selectFrom('administrative_units').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  return row.id
}

export function buildBook(overrides: Record<string, unknown> = {}) {
  return {
    bookType: 'KS',
    volume: '01/2024',
    year: 2024,
    issuingAuthority: 'UBND xã An Phú',
    openedOn: '2024-01-02',
    closedOn: '2024-12-31',
    pageCount: 200,
    paperSize: 'A3',
    condition: 'intact',
    ...overrides,
  }
}

/** A complete, valid birth entry with synthetic people. */
export function buildBirthFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    so: '12',
    quyenSo: '01/2024',
    trangSo: '7',
    ngayDangKy: '15.03.2024',
    loaiDangKy: '1',
    nksHoTen: 'Nguyễn Văn An',
    nksGioiTinh: '1',
    nksNgaySinh: '01.03.2024',
    nksDanToc: 'Kinh',
    nksQuocTich: 'Việt Nam',
    meHoTen: 'Trần Thị Bích',
    meNgaySinh: '12.05.1995',
    meDanToc: 'Kinh',
    meQuocTich: 'Việt Nam',
    meLoaiCuTru: '1',
    chaHoTen: 'Nguyễn Văn Cường',
    chaNgaySinh: '1992',
    chaDanToc: 'Kinh',
    chaQuocTich: 'Việt Nam',
    chaLoaiCuTru: '1',
    ...overrides,
  }
}

export async function createBook(client: Client, server: TestServer, unitCode = '98001', overrides: Record<string, unknown> = {}) {
  const response = await client.post('/api/books', buildBook({ custodianUnitId: await unitIdByCode(server, unitCode), ...overrides }))
  if (response.status !== 201) throw new Error(`create book: ${response.status} ${JSON.stringify(response.body)}`)
  return response.body as { id: string; version: number }
}

export async function auditRows(server: TestServer, entityId: string) {
  return server.db.kysely.selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).orderBy('id').execute()
}
