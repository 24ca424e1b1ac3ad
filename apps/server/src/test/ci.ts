/**
 * Whether the tests run in CI, where a missing tool (soffice, PostgreSQL, Chromium) must fail rather
 * than skip. CI services set CI=true, some CI=1: both count. scripts/test-all.mjs (plain JavaScript,
 * run before any TypeScript loader) repeats this same expression.
 */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1'
}
