/**
 * CPU seconds spent during a phase, split into this Node process (all its threads, PGlite
 * included) and the local PostgreSQL server's processes: on a shared 2-core machine wall-clock
 * figures move with the load, CPU seconds much less.
 */
import fs from 'node:fs'

const TICKS_PER_SECOND = 100

/** Total user+system CPU seconds of every local process whose command is "postgres" (0 when none is visible). */
function postgresSeconds(): number {
  let ticks = 0
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
      const close = stat.lastIndexOf(')')
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue
      const rest = stat.slice(close + 2).split(' ')
      // Fields 14-17 of stat (utime, stime, cutime, cstime) are 11-14 after the command.
      ticks += Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14])
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks / TICKS_PER_SECOND
}

export function cpuMeter() {
  const node = process.cpuUsage()
  const postgres = postgresSeconds()
  return () => {
    const used = process.cpuUsage(node)
    return { node: (used.user + used.system) / 1e6, postgres: postgresSeconds() - postgres }
  }
}
