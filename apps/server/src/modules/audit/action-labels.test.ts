/**
 * The audit screen shows every action in Vietnamese (AUDIT_ACTIONS in the domain): an action written
 * anywhere in the server (`action: '…'` on a recordAudit line, or a choice of them) must have a label.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS, PLAN_TRANSITIONS, TRANSITIONS } from '@hts/domain'

const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const full = path.join(dir, item.name)
    if (item.isDirectory()) return sources(full)
    return item.name.endsWith('.ts') && !item.name.endsWith('.test.ts') ? [full] : []
  })
}

describe('audit action labels', () => {
  it('every action the server records has a Vietnamese label', () => {
    const found = new Set<string>()
    for (const file of sources(SERVER)) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (!/\baction\b\??:/.test(line)) continue
        for (const match of line.matchAll(/'([a-z]+(?:\.[a-zA-Z_]+)+)'/g)) if (match[1]) found.add(match[1])
      }
    }
    // `entry.${action}`: one per action of the transition table.
    for (const transition of TRANSITIONS) found.add(`entry.${transition.action}`)
    // `campaign.plan.${action}`: one per action of the plans' transition table.
    for (const transition of PLAN_TRANSITIONS) found.add(`campaign.plan.${transition.action}`)
    expect(found.size).toBeGreaterThan(50)
    expect([...found].filter((action) => !(action in AUDIT_ACTIONS)).sort()).toEqual([])
  })
})
