/**
 * The files shipped in deploy/ (issue 17) stay true to the server: every setting of the example
 * environment file is one the server reads, the unit runs what `npm run build` produces, and the one
 * directory the hardened unit lets the server write is the DATA_DIR of the example.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8')

function serverSources(dir: string): string {
  let text = ''
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) text += serverSources(full)
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) text += fs.readFileSync(full, 'utf8')
  }
  return text
}

describe('deploy/', () => {
  const env = read('deploy/ho-tich-so.env.example')
  const unit = read('deploy/ho-tich-so.service')
  const settings = [...env.matchAll(/^#?([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => ({ name: m[1] ?? '', value: m[2] ?? '' }))

  it('names only settings the server reads', () => {
    const sources = serverSources(path.join(ROOT, 'apps/server/src'))
    expect(settings.length).toBeGreaterThan(15)
    const unknown = settings.filter((s) => !new RegExp(`\\benv\\.${s.name}\\b`).test(sources)).map((s) => s.name)
    expect(unknown).toEqual([])
  })

  it('is a production setup: no demo, behind the proxy, secure cookies', () => {
    const value = (name: string) => settings.find((s) => s.name === name)?.value
    expect(value('DEMO')).toBe('false')
    expect(value('NODE_ENV')).toBe('production')
    expect(value('HOST')).toBe('127.0.0.1')
    expect(value('COOKIE_SECURE')).toBe('true')
    expect(value('TRUST_PROXY')).toBe('127.0.0.1')
  })

  it('runs the compiled server and lets it write only its data directory', () => {
    for (const section of ['[Unit]', '[Service]', '[Install]']) expect(unit).toContain(section)
    const execStart = /^ExecStart=(.*)$/m.exec(unit)?.[1] ?? ''
    expect(execStart).toMatch(/ apps\/server\/dist\/main\.js$/)
    expect(read('apps/server/package.json')).toContain('dist/main.js')
    const dataDir = settings.find((s) => s.name === 'DATA_DIR')?.value
    expect(/^ReadWritePaths=(.*)$/m.exec(unit)?.[1]).toBe(dataDir)
    expect(/^EnvironmentFile=(.*)$/m.exec(unit)?.[1]).toBe('/etc/ho-tich-so/ho-tich-so.env')
  })
})
