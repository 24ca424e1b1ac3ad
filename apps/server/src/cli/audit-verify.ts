// npm run audit:verify  (same DATA_DIR / DATABASE_URL as npm start; on PGlite stop the server first,
// or start the job audit.verify from the running server instead)
import { loadConfig } from '../config'
import { openDatabase } from '../db/engine'
import { migrateToLatest } from '../db/migrate'
import { describeAuditChain, verifyAuditChain } from '../modules/audit'

const config = loadConfig()
const db = await openDatabase(config)
try {
  await migrateToLatest(db)
  const report = await verifyAuditChain(db.kysely, {
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
