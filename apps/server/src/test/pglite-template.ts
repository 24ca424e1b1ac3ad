import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../db/engine'

/**
 * A blank PGlite cluster for a test database, copied from one made once per machine and PGlite
 * version instead of running initdb per test file: initdb takes ~11 s of a core on this machine,
 * a copy of its ~40 MB a fraction of a second (CI's PGlite run: ~95 files, each starting a server).
 * The template is a cluster closed cleanly and holds nothing of ours: migrations run on the copy.
 */
export async function copyBlankPgliteCluster(pgDir: string): Promise<void> {
  const template = await blankTemplate()
  fs.cpSync(template, pgDir, { recursive: true })
}

let ready: Promise<string> | undefined

/** PGlite's version (its package.json is not exported: found beside the resolved entry). */
function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'))
  for (;;) {
    const manifest = path.join(dir, 'package.json')
    if (fs.existsSync(manifest)) {
      const parsed: unknown = JSON.parse(fs.readFileSync(manifest, 'utf8'))
      if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === '@electric-sql/pglite' && 'version' in parsed) return String(parsed.version)
    }
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('@electric-sql/pglite: package.json not found')
    dir = parent
  }
}

function blankTemplate(): Promise<string> {
  ready ??= (async () => {
    const version = pgliteVersion()
    const home = path.join(os.tmpdir(), `hts-pglite-blank-${version}`)
    const pgDir = path.join(home, 'pgdata')
    if (fs.existsSync(path.join(pgDir, 'PG_VERSION'))) return pgDir
    // Built aside and renamed into place whole, so a concurrent test worker never copies half of one.
    const building = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-pglite-building-'))
    const db = await openDatabase({ dataDir: building })
    await db.close()
    try {
      fs.renameSync(building, home)
    } catch {
      // Another worker renamed its own first (the target exists): use that one.
      fs.rmSync(building, { recursive: true, force: true })
    }
    return pgDir
  })()
  return ready
}
