// npm run audit:verify  (same DATA_DIR / DATABASE_URL as npm start; on PGlite stop the server first,
// or start the job audit.verify from the running server instead)
// --anchors PATH: the anchors to compare with (a file of lines or a directory of objects synced from
// the off-site bucket); default AUDIT_ANCHOR_FILE or BACKUP_DIR/audit-anchors.jsonl.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from '../config'
import { openDatabase } from '../db/engine'
import { migrateToLatest } from '../db/migrate'
import { AUDIT_ANCHOR_FILE, describeAuditChain, readAuditAnchors, verifyAuditChain } from '../modules/audit'
import { backupDirOf } from '../modules/backups'

const config = loadConfig()
const { values } = parseArgs({ options: { anchors: { type: 'string' } } })
const anchorPath = values.anchors ? path.resolve(values.anchors) : (config.auditAnchorFile ?? path.join(backupDirOf(config), AUDIT_ANCHOR_FILE))
const { anchors, unreadable } = readAuditAnchors(anchorPath)
console.error(`Mốc neo: ${anchors.length} từ ${anchorPath}${unreadable > 0 ? `, ${unreadable} dòng không đọc được (bỏ qua)` : ''}`)
const db = await openDatabase(config)
try {
  await migrateToLatest(db)
  const report = await verifyAuditChain(db.kysely, {
    anchors,
    onBatch: (checked) => void process.stderr.write(`\rĐã kiểm tra ${checked} dòng...`),
  })
  process.stderr.write('\n')
  if (report.ok) {
    console.log(`OK: ${describeAuditChain(report)}`)
  } else {
    const row = report.broken
    console.error(`HỎNG / BROKEN: đã kiểm tra ${report.checked} dòng; dòng hỏng đầu tiên: id=${row?.id ?? '?'} thời điểm=${row?.occurredAt ?? '?'} (${row?.reason ?? ''})`)
    console.error(row?.message ?? '')
    process.exitCode = 1
  }
} finally {
  await db.close()
}
