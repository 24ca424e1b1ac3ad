import { z } from 'zod'
import { JsonObject, Timestamp } from './common'

/**
 * Reading the audit trail (issue 14): the audit screen (/nhat-ky) of the province's officers and
 * the people holding `audit.read`, "who has looked at this entry / this citizen", the Excel export.
 */

/** Every action the server writes, with its Vietnamese label (an action missing here shows as its code). */
export const AUDIT_ACTIONS: Record<string, string> = {
  'access.refused': 'Truy cập bị từ chối (403/404)',
  'acceptance.lot.create': 'Lập lô nghiệm thu',
  'acceptance.lot.decide': 'Kết luận lô nghiệm thu',
  'acceptance.lot.read': 'Xem lô nghiệm thu',
  'acceptance.record.download': 'Tải biên bản nghiệm thu',
  'acceptance.sample.inspect': 'Kiểm tra mẫu nghiệm thu',
  'audit.entity': 'Xem ai đã truy cập một đối tượng',
  'audit.export': 'Xuất Excel nhật ký truy cập',
  'audit.list': 'Xem nhật ký truy cập',
  'audit.verify': 'Kiểm tra chuỗi băm của nhật ký',
  'auth.locked_after_failures': 'Khóa tạm sau nhiều lần sai mật khẩu',
  'auth.login': 'Đăng nhập',
  'auth.login_failed': 'Đăng nhập sai',
  'auth.login_refused_locked': 'Đăng nhập khi tài khoản đang khóa',
  'auth.logout': 'Đăng xuất',
  'auth.password_change_failed': 'Đổi mật khẩu: sai mật khẩu hiện tại',
  'auth.password_change_refused_locked': 'Đổi mật khẩu khi tài khoản đang khóa tạm',
  'auth.password_changed': 'Đổi mật khẩu',
  'auth.session_ended': 'Kết thúc một phiên đăng nhập',
  'auth.session_expired': 'Phiên đăng nhập hết hạn',
  'campaign.appendix.download': 'Tải phụ lục số liệu sổ hộ tịch (kế hoạch)',
  'campaign.phase.create': 'Định nghĩa giai đoạn chiến dịch',
  'campaign.phase.update': 'Sửa giai đoạn chiến dịch',
  'campaign.plan.approve': 'Duyệt kế hoạch của đơn vị',
  'campaign.plan.create': 'Lập kế hoạch của đơn vị',
  'campaign.plan.reopen': 'Mở lại kế hoạch đã duyệt để sửa',
  'campaign.plan.return': 'Trả lại kế hoạch để sửa',
  'campaign.plan.submit': 'Gửi duyệt kế hoạch',
  'campaign.plan.update': 'Sửa kế hoạch của đơn vị',
  'doubleKeying.arbitration.list': 'Xem danh sách chờ đối chiếu nhập kép',
  'report.weekly.save': 'Lưu báo cáo tuần của đơn vị',
  'report.weekly.submit': 'Nộp báo cáo tuần',
  'report.weekly.download': 'Tải báo cáo tuần (PDF/Excel)',
  'report.deadlines.update': 'Sửa hạn nộp báo cáo tuần',
  'auth.session_idle': 'Phiên đăng nhập hết hạn do không hoạt động',
  'auth.sessions_ended_others': 'Kết thúc các phiên đăng nhập khác',
  'backup.create': 'Sao lưu dữ liệu',
  'backup.restore': 'Khôi phục dữ liệu từ bản sao lưu',
  'book.assign': 'Giao sổ',
  'book.bandLayout': 'Đánh dấu dòng, cột của sổ viết tay',
  'book.create': 'Tạo sổ',
  'book.delete': 'Xóa sổ trống',
  'duplicates.scan': 'Rà soát trùng lặp trong sổ/đơn vị',
  'duplicate.list': 'Xem danh sách cặp có thể trùng',
  'duplicate.decide': 'Quyết định cặp có thể trùng',
  'entry.related': 'Xem trường hợp liên quan ở sổ khác',
  'book.next_entry': 'Lấy giá trị điền sẵn cho trường hợp kế tiếp',
  'book.duplicate_check': 'Kiểm tra trùng khi nhập (xem trường hợp có thể trùng)',
  'book.unassign': 'Thôi giao sổ',
  'book.update': 'Sửa thông tin sổ',
  'book.ocr.update': 'Bật/tắt OCR của sổ',
  'book.values': 'Xem gợi ý giá trị đã nhập trong sổ',
  'draft.discard': 'Bỏ bản nháp',
  'draft.list': 'Xem danh sách bản nháp',
  'draft.read': 'Xem bản nháp',
  'draft.save': 'Lưu bản nháp',
  'entry.approve': 'Phê duyệt trường hợp',
  'entry.approve.bulk': 'Phê duyệt hàng loạt',
  'entry.arbitrate': 'Đối chiếu hai lần nhập (nhập kép)',
  'entry.check': 'Kiểm tra trường hợp',
  'entry.create': 'Tạo trường hợp',
  'entry.delete': 'Xóa trường hợp (hủy lần nhập Excel)',
  'entry.handOver': 'Chuyển giao trường hợp',
  'entry.handOver.bulk': 'Chuyển giao hàng loạt',
  'entry.withdraw': 'Loại trường hợp vì trùng (giữ bản kia)',
  'entry.history': 'Xem lịch sử trường hợp',
  'entry.list': 'Xem danh sách trường hợp',
  'entry.markKeyed': 'Đánh dấu đã nhập xong',
  'entry.note.add': 'Thêm ghi chú (thay đổi, cải chính...) vào trường hợp',
  'entry.note.edit': 'Sửa ngày, căn cứ hoặc nội dung của ghi chú',
  'entry.note.import': 'Ghi chú đọc từ cột ghi chú khi nhập Excel',
  'entry.note.withdraw': 'Thu hồi ghi chú nhập nhầm (có lý do)',
  'entry.notes': 'Xem ghi chú của trường hợp',
  'entry.read': 'Xem trường hợp',
  'entry.reopen': 'Mở lại để nhập tiếp',
  'entry.return': 'Trả lại trường hợp',
  'entry.secondKeying': 'Nhập lần hai (nhập kép)',
  'entry.update': 'Sửa trường hợp',
  'export.book': 'Xuất dữ liệu sổ',
  'export.entries': 'Xuất Excel danh sách trường hợp',
  'export.unit.download': 'Tải gói xuất của đơn vị',
  'export.unit.start': 'Bắt đầu xuất dữ liệu đơn vị',
  'files.verify': 'Kiểm tra toàn vẹn tệp',
  'followup.export': 'Xuất Excel danh sách theo dõi riêng',
  'followup.list': 'Xem danh sách theo dõi riêng',
  'followup.note': 'Ghi chú vào hồ sơ theo dõi',
  'followup.read': 'Xem hồ sơ theo dõi',
  'handover.create': 'Lập đợt chuyển giao',
  'handover.download': 'Tải gói chuyển giao',
  'handover.pending': 'Xem trường hợp chờ chuyển giao lại',
  'handover.pdfs': 'Tạo các tệp PDF của đợt chuyển giao',
  'handover.pdfs.rebuild': 'Tạo lại các tệp PDF của đợt chuyển giao',
  'import.analyse': 'Phân tích tệp nhập Excel',
  'import.batch': 'Ghi một đợt dòng nhập Excel',
  'import.expire': 'Xóa tệp nhập quá hạn',
  'import.file.read': 'Tải lại tệp nhập Excel',
  'import.finish': 'Hoàn tất nhập Excel',
  'import.mapping.delete': 'Xóa cách ghép cột',
  'import.mapping.save': 'Lưu cách ghép cột',
  'import.read': 'Xem lần nhập Excel',
  'import.rejected.read': 'Tải các dòng bị loại',
  'import.rollback': 'Hủy lần nhập Excel',
  'import.start': 'Bắt đầu nhập Excel',
  'import.upload': 'Tải tệp nhập Excel lên',
  'import.warnings.read': 'Xem cảnh báo của lần nhập',
  'job.cancel': 'Hủy tác vụ nền',
  'page.bandCorrection': 'Chỉnh dải dòng của trang ảnh',
  'page.delete': 'Xóa trang ảnh',
  'page.list': 'Xem danh sách trang ảnh',
  'page.ocr.queue': 'Yêu cầu đọc lại trang ảnh bằng OCR',
  'page.ocr.read': 'Xem kết quả OCR của trang ảnh (đề xuất nhập liệu)',
  'page.reorder': 'Sắp xếp lại trang ảnh',
  'page.reprocess': 'Dựng lại ảnh trang',
  'page.rules': 'Dò đường kẻ trên ảnh trang',
  'page.thumbnail': 'Xem ảnh thu nhỏ của trang',
  'page.update': 'Sửa trang ảnh (xoay, đánh dấu)',
  'page.view': 'Xem ảnh trang',
  'population.extract.read': 'Xem chi tiết bản dữ liệu dân cư',
  'population.import': 'Nạp dữ liệu dân cư',
  'population.import.start': 'Bắt đầu nạp dữ liệu dân cư',
  'population.search': 'Tra cứu dữ liệu dân cư',
  'population.upload': 'Tải tệp dữ liệu dân cư lên',
  'population.upload.expire': 'Xóa tệp dữ liệu dân cư quá hạn chưa nạp',
  'population.upload.read': 'Xem tệp dữ liệu dân cư đã tải lên',
  'reconcile.batch': 'Đối chiếu hàng loạt (một đợt)',
  'reconcile.batch.start': 'Bắt đầu đối chiếu hàng loạt',
  'reconcile.learn': 'Học trọng số đối chiếu từ dữ liệu của đợt',
  'reconcile.decide': 'Quyết định kết quả đối chiếu',
  'reconcile.entry': 'Đối chiếu một trường hợp',
  'reconcile.list': 'Xem kết quả đối chiếu',
  'reconcile.notFound.export': 'Xuất danh sách không có trong CSDL dân cư',
  'reconcile.notFound.list': 'Xem danh sách không có trong CSDL dân cư',
  'reconcile.read': 'Xem một kết quả đối chiếu',
  'reconcile.reopen': 'Mở lại quyết định đối chiếu',
  'reconcile.settings': 'Đổi ngưỡng đối chiếu',
  'review.queue': 'Xem hàng đợi kiểm tra',
  'scan.attach.zip': 'Gắn ảnh quét từ tệp zip',
  'scan.upload': 'Tải ảnh quét lên',
  'search.entries': 'Tìm kiếm trong sổ hộ tịch',
  'user.create': 'Tạo tài khoản',
  'user.create_first_admin': 'Tạo quản trị viên đầu tiên',
  'user.lock': 'Khóa tài khoản',
  'user.password_reset': 'Đặt lại mật khẩu',
  'user.move_first_admin': 'Chuyển đơn vị của quản trị viên đầu tiên',
  'user.unlock': 'Mở khóa tài khoản',
  'user.update': 'Đổi thông tin, vai trò hoặc đơn vị',
}

export function auditActionLabel(action: string): string {
  return AUDIT_ACTIONS[action] ?? action
}

export const AUDIT_ENTITY_TYPES: Record<string, string> = {
  acceptance_lot: 'Lô nghiệm thu',
  audit: 'Nhật ký truy cập',
  backup: 'Bản sao lưu',
  book: 'Sổ',
  campaign_phase: 'Giai đoạn chiến dịch',
  campaign_plan: 'Kế hoạch của đơn vị',
  weekly_report: 'Báo cáo tuần',
  citizen: 'Công dân (số định danh)',
  draft: 'Bản nháp',
  entry: 'Trường hợp',
  followup_case: 'Hồ sơ theo dõi',
  handover_batch: 'Đợt chuyển giao',
  import: 'Lần nhập Excel',
  import_mapping: 'Cách ghép cột',
  job: 'Tác vụ nền',
  page: 'Trang ảnh',
  population: 'Dữ liệu dân cư',
  population_extract: 'Bản dữ liệu dân cư',
  reconciliation_result: 'Kết quả đối chiếu',
  route: 'Địa chỉ',
  session: 'Phiên đăng nhập',
  unit: 'Đơn vị',
  upload: 'Tệp đã tải lên',
  user: 'Tài khoản',
}

/** What "who has looked at this…" (GET /api/audit/entity/:type/:id) answers for. */
export const AUDIT_LOOKUP_TYPES = ['entry', 'book', 'page', 'user', 'citizen'] as const
export type AuditLookupType = (typeof AUDIT_LOOKUP_TYPES)[number]

/** The Excel export holds at most this many rows (newest first); the file says when it was cut. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000

const AuditAction = z.string().trim().regex(/^[a-zA-Z_.]{1,80}$/, 'Chọn thao tác trong danh sách')
const DateText = z.iso.date({ message: 'Ngày dạng yyyy-mm-dd' })

/** Filters shared by the list, the entity view and the export. Dates are calendar days in Vietnam time, both ends included. */
const AuditFilterFields = z.object({
  userId: z.uuid({ message: 'Mã tài khoản không hợp lệ' }).optional(),
  unitId: z.uuid({ message: 'Mã đơn vị không hợp lệ' }).optional(),
  /** With unitId: the unit and the units below it (default) or that unit only. */
  includeBelow: z.enum(['true', 'false']).optional().transform((v) => v !== 'false'),
  action: AuditAction.optional(),
  entityType: z.string().trim().regex(/^[a-z_]{1,40}$/, 'Loại đối tượng không hợp lệ').optional(),
  entityId: z.string().trim().min(1).max(100, 'Mã đối tượng dài quá 100 ký tự').optional(),
  from: DateText.optional(),
  to: DateText.optional(),
})

/** A page after `cursor` (the previous page's nextCursor): keyset paging, so page 1,000 is as fast as page 1. */
const Paging = {
  cursor: z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, 'Con trỏ trang không hợp lệ').optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}

const checkedFilter = <T extends z.ZodType<{ from?: string | undefined; to?: string | undefined; entityType?: string | undefined; entityId?: string | undefined }>>(schema: T) =>
  schema
    .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc', path: ['to'] })
    .refine((f) => !f.entityId || f.entityType, { message: 'Chọn loại đối tượng khi lọc theo mã đối tượng', path: ['entityType'] })

export const AuditFilter = checkedFilter(AuditFilterFields)
export type AuditFilter = z.infer<typeof AuditFilter>

export const AuditQuery = checkedFilter(AuditFilterFields.extend(Paging))
export type AuditQuery = z.infer<typeof AuditQuery>

export const AuditEntityParams = z.object({
  type: z.enum(AUDIT_LOOKUP_TYPES, { message: 'Loại đối tượng: trường hợp, sổ, trang ảnh, tài khoản hoặc công dân' }),
  id: z.string().trim().min(1).max(100),
})
export const AuditEntityQuery = z.object({ ...Paging, from: DateText.optional(), to: DateText.optional() })

export const AuditEventView = z.object({
  /** The row's number in the trail (text: the column is a bigint). */
  id: z.string(),
  occurredAt: Timestamp,
  userId: z.uuid().nullable(),
  username: z.string().nullable(),
  userName: z.string().nullable(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  entityType: z.string(),
  entityTypeLabel: z.string(),
  entityId: z.string().nullable(),
  /** A short Vietnamese description of the details. */
  summary: z.string(),
  /** The details as recorded; null when withheld (a reader without access to citizens' data, see audit/presenter.ts). */
  details: JsonObject.nullable(),
  ip: z.string().nullable(),
})
export type AuditEventView = z.infer<typeof AuditEventView>

/** A page of the trail, newest first. No total: counting 50 million rows on every page is what keyset paging avoids. */
export const AuditPage = z.object({
  items: z.array(AuditEventView),
  nextCursor: z.string().nullable(),
  pageSize: z.number().int(),
})
export type AuditPage = z.infer<typeof AuditPage>

export const AuditEntityPage = AuditPage.extend({
  entity: z.object({
    type: z.enum(AUDIT_LOOKUP_TYPES),
    id: z.string(),
    /** What was looked up, in words ("Sổ KS 01/2020, số 12"). */
    label: z.string(),
    /** For a citizen: the entries in the reader's scope carrying that personal ID. */
    entryIds: z.array(z.uuid()),
  }),
})
export type AuditEntityPage = z.infer<typeof AuditEntityPage>
