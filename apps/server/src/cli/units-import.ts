// npm run units:import -- FILE --version-date 2025-07-01 [--level province|district|commune]
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from '../config'
import { openDatabase } from '../db/engine'
import { migrateToLatest } from '../db/migrate'
import { importUnits, type UnitLevel } from '../modules/units/import'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'version-date': { type: 'string' }, level: { type: 'string' } },
})
const file = positionals[0]
if (!file || !values['version-date']) {
  console.error('Cách dùng: npm run units:import -- TỆP.csv --version-date yyyy-mm-dd [--level province|district|commune]')
  process.exit(2)
}
const level = values.level as UnitLevel | undefined
if (level && !['province', 'district', 'commune'].includes(level)) {
  console.error(`--level không hợp lệ: ${level}`)
  process.exit(2)
}

const config = loadConfig()
const db = await openDatabase(config)
try {
  await migrateToLatest(db)
  const report = await importUnits(db.kysely, fs.readFileSync(file, 'utf8'), {
    versionDate: values['version-date'],
    level,
    source: path.basename(file),
  })
  if (report.errors.length) {
    console.error(`Không nhập gì cả, vì có ${report.errors.length} lỗi:\n${report.errors.map((e) => `  - ${e}`).join('\n')}`)
    process.exitCode = 1
  } else {
    console.log(`Đã nhập: ${report.inserted} đơn vị mới, ${report.renamed} đổi tên/thay thế, ${report.unchanged} không đổi.`)
  }
} finally {
  await db.close()
}
