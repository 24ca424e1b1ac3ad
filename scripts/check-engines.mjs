// `npm run check:engines`: every installed package must run on the Node version the project
// promises (the lowest one `engines.node` of the root package.json allows, which the README states).
// A dependency that asks for a newer Node (cookie@2 and content-disposition@3 asked for 22) fails
// this check: pin it with an `overrides` entry in the root package.json, or raise the requirement
// in package.json, the README and .ci/run together.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const semver = createRequire(path.join(root, 'package.json'))('semver')

/** Directories holding installed packages: the root's and each workspace's own node_modules. */
function nodeModulesDirs() {
  const rootPackage = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
  return [root, ...(rootPackage.workspaces ?? []).map((w) => path.join(root, w))]
    .map((dir) => path.join(dir, 'node_modules'))
    .filter((dir) => fs.existsSync(dir))
}

/** Every installed package below `dir` (nested node_modules included): [path, package.json]. */
function* packagesIn(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || !(entry.isDirectory() || entry.isSymbolicLink())) continue
    const full = path.join(dir, entry.name)
    if (entry.name.startsWith('@')) {
      yield* packagesIn(full)
      continue
    }
    // Workspace links are checked through their own folders, not through the link.
    if (entry.isSymbolicLink()) continue
    const manifest = path.join(full, 'package.json')
    if (fs.existsSync(manifest)) yield [full, JSON.parse(fs.readFileSync(manifest, 'utf8'))]
    const nested = path.join(full, 'node_modules')
    if (fs.existsSync(nested)) yield* packagesIn(nested)
  }
}

/** The packages whose `engines.node` excludes the promised Node version, and that version. */
export function engineProblems() {
  const range = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).engines?.node
  const promised = range ? semver.minVersion(range)?.version : undefined
  if (!promised) throw new Error('package.json has no engines.node: the Node version the project promises is unknown')
  const problems = []
  for (const dir of nodeModulesDirs()) {
    for (const [full, pkg] of packagesIn(dir)) {
      const wanted = pkg.engines?.node
      if (typeof wanted !== 'string' || wanted.trim() === '') continue
      let fits
      try {
        fits = semver.satisfies(promised, wanted)
      } catch {
        fits = true // an unparseable range is npm's problem, not a promise we break
      }
      if (!fits) problems.push({ name: pkg.name, version: pkg.version, wants: wanted, path: path.relative(root, full) })
    }
  }
  return { promised, problems }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { promised, problems } = engineProblems()
  for (const p of problems) console.error(`${p.name}@${p.version} (${p.path}) needs Node ${p.wants}, not ${promised}`)
  if (problems.length > 0) {
    console.error(`${problems.length} package(s) do not run on Node ${promised}: pin them in "overrides" or raise engines.node, the README and .ci/run.`)
    process.exit(1)
  }
  console.log(`Every installed package runs on Node ${promised}.`)
}
