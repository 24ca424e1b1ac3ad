import fs from 'node:fs'
import path from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { sql, type Kysely } from 'kysely'
import { mappingKeyOf, type BookTypeCode, type ColumnMapping } from '@hts/domain'
import type { Database } from '../../db/schema'
import { conflict, HttpError, notFound, unprocessable } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { BooksService } from '../books'
import type { FileStore } from '../files'
import { spoolToFile } from '../files'
import type { JobsService } from '../jobs'
import type { UnitsService } from '../units'
import { analyseFile, type Analysis } from './analyse'
import { checkXlsxSafety, fileError, IMPORT_LIMITS, readHead, sniffFormat } from './file-checks'
import { IMPORT_JOB } from './job'
import { matchBook, type ImportOptions, type ImportTarget } from './options'
import { presentImport, presentRowWarnings, warningFieldNames } from './presenter'
import { writeRejectedRows } from './rejected-file'
import { createImportsRepository, type ImportRow } from './repository'
import { createScanAttach, type ScanSink } from './scan-attach'
import { RejectionCells, RejectionErrors, storedImport, StoredMapping, storedWarningRows } from './stored'
import { lockContent } from './upload-cleanup'

const NOT_FOUND = 'Không tìm thấy lần nhập này'
const tooLarge = () =>
  new HttpError(413, 'file_too_large', `Tệp lớn hơn ${Math.round(IMPORT_LIMITS.maxUploadBytes / 1024 / 1024)} MB: chia tệp thành nhiều tệp nhỏ hơn rồi tải lên lần lượt.`)

export interface ImportDeps {
  db: Kysely<Database>
  units: UnitsService
  jobs: JobsService
  files: FileStore
  tmpDir: string
  books: BooksService
  /** The scans module's ingest, for PDFs attached from a zip. */
  scans: ScanSink
  /** Days a file analysed but never imported is kept (upload-cleanup.ts); shown to the user. */
  uploadRetentionDays?: number
}

export interface AnalyseRequest {
  bookType?: BookTypeCode | undefined
  mapping?: ColumnMapping | undefined
  mappingId?: string | undefined
  target?: Partial<ImportTarget> | undefined
}

export interface StartRequest {
  allowIncomplete: boolean
  missingBooks?: 'create' | 'reject' | undefined
  saveMappingAs?: string | undefined
}

export function createImportsService({ db, units, jobs, files, tmpDir, books, scans, uploadRetentionDays = 7 }: ImportDeps) {
  const repo = createImportsRepository(db)

  async function getInScope(user: AuthUser, id: string): Promise<ImportRow> {
    const row = await repo.findById(id)
    if (!row || !(await units.scopeOf(user.unitId)).has(row.unit_id)) throw notFound(NOT_FOUND)
    return row
  }

  /** Fills the target's defaults (the user's unit and its registration office) and checks it is in scope. */
  async function resolveTarget(user: AuthUser, bookType: BookTypeCode, input: Partial<ImportTarget>): Promise<ImportTarget> {
    const scope = await units.scopeOf(user.unitId)
    let custodianUnitId = input.custodianUnitId ?? user.unitId
    let bookId = input.bookId ?? null
    if (bookId) {
      const book = await repo.findBook(bookId)
      if (!book || !scope.has(book.custodian_unit_id)) throw notFound('Không tìm thấy sổ hộ tịch này')
      if (book.book_type !== bookType) throw unprocessable(`Quyển sổ đã chọn là sổ ${book.book_type}, không phải sổ ${bookType}: chọn đúng loại sổ`)
      custodianUnitId = book.custodian_unit_id
      return { custodianUnitId, issuingAuthority: book.issuing_authority, bookId, year: book.year }
    }
    if (!scope.has(custodianUnitId)) {
      throw new HttpError(400, 'validation', 'Đơn vị lưu giữ sổ không thuộc phạm vi của bạn', { fieldErrors: { custodianUnitId: 'Chọn đơn vị của bạn hoặc đơn vị cấp dưới' } })
    }
    let issuingAuthority = input.issuingAuthority?.trim()
    if (!issuingAuthority) {
      const office = await db.selectFrom('registration_offices').select('name').where('unit_id', '=', custodianUnitId).orderBy(sql`valid_to is null`, 'desc').executeTakeFirst()
      const unit = await units.findById(custodianUnitId)
      issuingAuthority = office?.name ?? `UBND ${unit?.name ?? ''}`.trim()
    }
    bookId = null
    return { custodianUnitId, issuingAuthority, bookId, year: input.year ?? null }
  }

  async function view(user: AuthUser, row: ImportRow) {
    const scope = [...(await units.scopeOf(user.unitId))]
    const job = row.job_id ? await db.selectFrom('jobs').selectAll().where('id', '=', row.job_id).executeTakeFirst() : undefined
    const { options: { target }, analysis } = storedImport(row)
    const books = target && !target.bookId ? await repo.booksOf(target.custodianUnitId, row.book_type) : []
    const routes = (analysis?.routes ?? []).map((r) => {
      const book = target ? matchBook(books, r, target.issuingAuthority) : undefined
      return { ...r, bookId: book?.id ?? null }
    })
    const creator = row.created_by ? await db.selectFrom('users').select('full_name').where('id', '=', row.created_by).executeTakeFirst() : undefined
    return presentImport(row, {
      job,
      routes,
      createdByName: creator?.full_name ?? null,
      previous: await repo.sameFile(row.file_sha256, scope, row.id),
      rejectedCount: row.job_id ? await repo.rejectionCount(row.id) : 0,
      expiresAt: row.job_id ? null : new Date(row.updated_at.getTime() + uploadRetentionDays * 24 * 60 * 60 * 1000),
    })
  }

  async function mappingFor(user: AuthUser, request: AnalyseRequest, current: ColumnMapping): Promise<ColumnMapping> {
    if (request.mappingId) {
      const saved = await db.selectFrom('import_mappings').selectAll().where('id', '=', request.mappingId).executeTakeFirst()
      if (!saved || !(await units.scopeOf(user.unitId)).has(saved.unit_id)) throw notFound('Không tìm thấy bảng ghép cột đã lưu')
      return { ...StoredMapping.parse(saved.mapping), ...(request.mapping ?? {}) }
    }
    return request.mapping ?? current
  }

  /** Header text → key as the client sends it; keys are re-folded so "Họ tên" and "HO TEN" are one entry. */
  const foldMapping = (mapping: ColumnMapping): Record<string, string | null> =>
    Object.fromEntries(Object.entries(mapping).map(([header, key]) => [mappingKeyOf(header), key]))

  return {
    getInScope,
    view,
    /** PDFs from a zip, named per entry, attached as the entries' scanned pages. */
    attachScans: createScanAttach(db, books, scans, tmpDir),

    /** Receives a file, checks it is safe and readable, keeps it, and shows what an import would do. Writes no entry. */
    async upload(user: AuthUser, file: { stream: Readable; fileName: string; truncated: () => boolean }, request: AnalyseRequest & { bookType: BookTypeCode }) {
      // Spooled next to the file store: keeping it afterwards is a rename, done while holding the content lock.
      const spooled = await spoolToFile(file.stream, files.tempDir).catch((error: unknown) => {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge()
        throw error
      })
      try {
        if (file.truncated()) throw tooLarge()
        const format = sniffFormat(file.fileName, await readHead(spooled.path))
        if (format === 'xlsx') await checkXlsxSafety(spooled.path)
        const target = await resolveTarget(user, request.bookType, request.target ?? {})
        const mapping = foldMapping(await mappingFor(user, request, {}))
        const analysis = await analyseFile(spooled.path, format, request.bookType, mapping, target)
        if (analysis.headers.every((h) => h === '')) throw fileError('Tệp không có dòng tiêu đề (tên cột): dòng đầu tiên phải là tên các cột như trong mẫu.')
        const row = await db.transaction().execute(async (trx) => {
          // The cleanup of abandoned uploads deletes files under the same lock: these bytes stay until the row below commits.
          await lockContent(trx, spooled.sha256)
          await files.putFile(spooled.path, { sha256: spooled.sha256, size: spooled.size })
          const created = await trx
            .insertInto('imports')
            .values({
              unit_id: target.custodianUnitId,
              created_by: user.id,
              book_type: request.bookType,
              file_name: file.fileName.slice(0, 300),
              file_format: format,
              file_size: spooled.size,
              file_sha256: spooled.sha256,
              mapping: JSON.stringify(mapping),
              options: JSON.stringify({ target }),
              analysis: JSON.stringify(analysis),
              counts: JSON.stringify({}),
            })
            .returningAll()
            .executeTakeFirstOrThrow()
          await recordAudit(trx, actorOf(user), {
            action: 'import.upload',
            entityType: 'import',
            entityId: created.id,
            details: { fileName: created.file_name, sha256: spooled.sha256, size: spooled.size, rows: analysis.rowCount },
          })
          return created
        })
        return view(user, row)
      } finally {
        await fs.promises.rm(spooled.path, { force: true })
      }
    },

    /** Analyses the kept file again with another mapping, type or target (before the import starts). */
    async analyse(user: AuthUser, id: string, request: AnalyseRequest) {
      const row = await getInScope(user, id)
      if (row.job_id) throw conflict('Lần nhập này đã bắt đầu: không đổi được cách ghép cột. Tải tệp lên lại để nhập lần khác.')
      const bookType = (request.bookType ?? row.book_type) as BookTypeCode
      const stored = storedImport(row)
      const target = await resolveTarget(user, bookType, { ...(bookType === row.book_type ? stored.options.target : {}), ...(request.target ?? {}) })
      const mapping = foldMapping(await mappingFor(user, request, bookType === row.book_type ? stored.mapping : {}))
      const copy = await files.localCopy(row.file_sha256)
      let analysis: Analysis
      try {
        analysis = await analyseFile(copy.path, row.file_format, bookType, mapping, target)
      } finally {
        await copy.release()
      }
      const updated = await db.transaction().execute(async (trx) => {
        const changed = await trx
          .updateTable('imports')
          .set({ book_type: bookType, unit_id: target.custodianUnitId, mapping: JSON.stringify(mapping), options: JSON.stringify({ target }), analysis: JSON.stringify(analysis), updated_at: new Date() })
          .where('id', '=', row.id)
          .where('job_id', 'is', null)
          .returningAll()
          .executeTakeFirst()
        if (!changed) throw conflict('Lần nhập này vừa được bắt đầu: không đổi được cách ghép cột nữa.')
        await recordAudit(trx, actorOf(user), { action: 'import.analyse', entityType: 'import', entityId: row.id, details: { bookType, mapping, target, previewRows: analysis.preview.map((p) => p.rowNumber) } })
        return changed
      })
      return view(user, updated)
    },

    /** Starts the background import once the user has seen the analysis and confirmed what it asks. */
    async start(user: AuthUser, id: string, request: StartRequest) {
      const row = await getInScope(user, id)
      if (row.job_id) throw conflict('Lần nhập này đã được chạy. Muốn nhập lại, hãy tải tệp lên lại (các dòng đã có sẽ được bỏ qua, không bị nhân đôi).')
      const { analysis, options: { target } } = storedImport(row)
      if (!analysis || !target) throw conflict('Tệp chưa được phân tích: tải tệp lên lại')
      if (analysis.rowCount === 0) throw unprocessable('Tệp không có dòng dữ liệu nào dưới dòng tiêu đề')
      if (!analysis.columns.some((c) => c.key !== null)) throw unprocessable('Không cột nào của tệp khớp với trường của loại sổ này: kiểm tra loại sổ hoặc ghép cột')
      if (analysis.missingRequired.length > 0 && !request.allowIncomplete) {
        throw unprocessable(`Tệp thiếu cột bắt buộc: ${analysis.missingRequired.map((m) => `${m.label} (${m.key})`).join(', ')}. Hãy ghép cột cho các trường này, hoặc chọn nhận các dòng thiếu thông tin dưới dạng nháp.`, { missingRequired: analysis.missingRequired })
      }
      const books = target.bookId ? [] : await repo.booksOf(target.custodianUnitId, row.book_type)
      const missing = target.bookId ? [] : analysis.routes.filter((r) => !matchBook(books, r, target.issuingAuthority))
      if (missing.length > 0 && !request.missingBooks) {
        throw unprocessable(`Có ${missing.length} quyển sổ chưa có trong hệ thống (${missing.map((m) => m.label).join(', ')}): chọn tạo các sổ này khi nhập, hoặc để riêng các dòng của chúng.`, { missingBooks: missing })
      }
      const options: ImportOptions = { target, allowIncomplete: request.allowIncomplete, missingBooks: request.missingBooks ?? 'reject' }
      const jobId = await db.transaction().execute(async (trx) => {
        const job = await jobs.enqueue(trx, IMPORT_JOB, { unitId: row.unit_id, createdBy: user.id, params: { importId: row.id, fileName: row.file_name } })
        const started = await trx.updateTable('imports').set({ job_id: job, options: JSON.stringify(options), updated_at: new Date() }).where('id', '=', row.id).where('job_id', 'is', null).returning('id').executeTakeFirst()
        if (!started) throw conflict('Lần nhập này vừa được người khác chạy')
        if (request.saveMappingAs) {
          await trx
            .insertInto('import_mappings')
            .values({ unit_id: user.unitId, book_type: row.book_type, name: request.saveMappingAs, mapping: JSON.stringify(row.mapping), created_by: user.id })
            .onConflict((oc) => oc.constraint('import_mappings_name').doUpdateSet({ mapping: JSON.stringify(row.mapping), book_type: row.book_type, updated_at: new Date() }))
            .execute()
        }
        await recordAudit(trx, actorOf(user), { action: 'import.start', entityType: 'import', entityId: row.id, details: { jobId: job, options } })
        return job
      })
      jobs.wake()
      return view(user, { ...row, job_id: jobId, options })
    },

    /** The import as the user sees it; before it starts its view holds the preview rows (personal data): audited. */
    async read(user: AuthUser, id: string) {
      const row = await getInScope(user, id)
      if (!row.job_id) {
        const rows = storedImport(row).analysis?.preview.map((p) => p.rowNumber) ?? []
        await recordAudit(db, actorOf(user), { action: 'import.read', entityType: 'import', entityId: row.id, details: { previewRows: rows } })
      }
      return view(user, row)
    },

    async list(user: AuthUser, limit: number) {
      return repo.list([...(await units.scopeOf(user.unitId))], limit)
    },

    /** The rows set aside, as the user's own columns plus "Lỗi": reading them shows personal data, so it is audited. */
    async rejectedRows(user: AuthUser, id: string) {
      const row = await getInScope(user, id)
      const rejections = (await repo.rejections(row.id)).map((r) => ({ row_number: r.row_number, cells: RejectionCells.parse(r.cells), errors: RejectionErrors.parse(r.errors) }))
      await recordAudit(db, actorOf(user), { action: 'import.rejected.read', entityType: 'import', entityId: row.id, details: { rows: rejections.length } })
      const headers = storedImport(row).analysis?.headers ?? []
      return {
        fileName: `${path.parse(row.file_name).name}-dong-loi.xlsx`,
        write: (out: Writable) => writeRejectedRows(out, headers, rejections),
      }
    },

    /** The rows taken with warnings, a page at a time: the messages can quote the entries' values, so reading them is audited. */
    async warnings(user: AuthUser, id: string, page: number, pageSize: number) {
      const row = await getInScope(user, id)
      const job = row.job_id ? await db.selectFrom('jobs').select('progress').where('id', '=', row.job_id).executeTakeFirst() : undefined
      const rows = await repo.warningsPage(row.id, (page - 1) * pageSize, pageSize)
      await recordAudit(db, actorOf(user), { action: 'import.warnings.read', entityType: 'import', entityId: row.id, details: { rows: rows.map((r) => r.row_number) } })
      const names = warningFieldNames(row)
      return { items: rows.map((r) => presentRowWarnings(r, names)), total: storedWarningRows(row.counts, job?.progress), page, pageSize }
    },

    async originalFile(user: AuthUser, id: string) {
      const row = await getInScope(user, id)
      await recordAudit(db, actorOf(user), { action: 'import.file.read', entityType: 'import', entityId: row.id, details: { sha256: row.file_sha256 } })
      return { row, stream: await files.stream(row.file_sha256) }
    },

    async mappings(user: AuthUser, bookType: string | undefined) {
      return repo.mappings([...(await units.scopeOf(user.unitId))], bookType)
    },

    async saveMapping(user: AuthUser, input: { name: string; bookType: BookTypeCode; mapping: ColumnMapping }) {
      const mapping = JSON.stringify(foldMapping(input.mapping))
      const saved = await db
        .insertInto('import_mappings')
        .values({ unit_id: user.unitId, book_type: input.bookType, name: input.name, mapping, created_by: user.id })
        .onConflict((oc) => oc.constraint('import_mappings_name').doUpdateSet({ mapping, book_type: input.bookType, updated_at: new Date() }))
        .returningAll()
        .executeTakeFirstOrThrow()
      await recordAudit(db, actorOf(user), { action: 'import.mapping.save', entityType: 'import_mapping', entityId: saved.id, details: { name: input.name } })
      return saved
    },

    async deleteMapping(user: AuthUser, mappingId: string) {
      const saved = await db.selectFrom('import_mappings').selectAll().where('id', '=', mappingId).executeTakeFirst()
      if (!saved || !(await units.scopeOf(user.unitId)).has(saved.unit_id)) throw notFound('Không tìm thấy bảng ghép cột đã lưu')
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('import_mappings').where('id', '=', mappingId).execute()
        await recordAudit(trx, actorOf(user), { action: 'import.mapping.delete', entityType: 'import_mapping', entityId: mappingId, details: { name: saved.name } })
      })
    },
  }
}
export type ImportsService = ReturnType<typeof createImportsService>
