// Server modules stay apart (docs/ARCHITECTURE.md, "One writer per table"):
//  1. a module imports another module only through its index.ts, never its repository or internals;
//  2. a table is written (insert, update, delete) only by the module that owns it; the others call
//     that module's commands, which check versions and write the revision and the audit row.
import fs from 'node:fs'

/** Every table and the one module that writes it. A new table gets its line here. */
export const TABLE_OWNERS = {
  administrative_units: 'units',
  unit_successions: 'units',
  registration_offices: 'units',
  users: 'users',
  sessions: 'auth',
  audit_events: 'audit',
  audit_chain: 'audit',
  backups: 'backups',
  books: 'books',
  entries: 'entries',
  entry_revisions: 'entries',
  entry_pages: 'entries',
  entry_notes: 'entries',
  entry_counts: 'entries',
  entry_counts_yearly: 'entries',
  entry_counts_total: 'entries',
  entry_activity: 'entries',
  entry_activity_types: 'entries',
  acceptance_lots: 'acceptance',
  acceptance_samples: 'acceptance',
  campaign_phases: 'campaign',
  campaign_plans: 'campaign',
  campaign_plan_lines: 'campaign',
  weekly_reports: 'reports',
  weekly_report_deadlines: 'reports',
  handover_batches: 'handover',
  handover_entries: 'handover',
  jobs: 'jobs',
  periodic_runs: 'jobs',
  imports: 'imports',
  import_rejections: 'imports',
  import_warnings: 'imports',
  import_mappings: 'imports',
  scan_uploads: 'scans',
  book_pages: 'scans',
  entry_drafts: 'keying',
  book_assignments: 'keying',
  population_extracts: 'population',
  population_people: 'population',
  population_stats: 'population',
  population_uploads: 'population',
  reconciliation_settings: 'reconciliation',
  reconciliation_results: 'reconciliation',
  reconciliation_models: 'reconciliation',
  followup_cases: 'reconciliation',
  followup_notes: 'reconciliation',
  second_keyings: 'double-keying',
  page_ocr: 'ocr',
  book_ocr_settings: 'ocr',
  entry_ocr_fields: 'entries',
  book_band_layouts: 'bands',
}

const MODULES_DIR = 'apps/server/src/modules'
const modules = fs.readdirSync(new URL(`../${MODULES_DIR}`, import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)

/** Selectors for Kysely writes (insertInto/updateTable/deleteFrom) and raw SQL writes of the given tables. */
function writeSelectors(tables, owner) {
  if (tables.length === 0) return []
  const names = tables.join('|')
  const message = (verb) => `Only the owning module writes this table (eslint/module-boundaries.js): ${verb} through that module's commands.`
  return [
    {
      selector: `CallExpression[callee.property.name=/^(insertInto|updateTable|deleteFrom|replaceInto|mergeInto)$/][arguments.0.value=/^(${names})( as \\w+)?$/]`,
      message: message(owner ? `module "${owner}" may not write it; call the owner` : 'call the owner'),
    },
    {
      selector: `TaggedTemplateExpression[tag.name='sql'] TemplateElement[value.raw=/(insert\\s+into|update|delete\\s+from)\\s+(${names})\\b/i]`,
      message: message('raw SQL: go'),
    },
  ]
}

const notOwnedBy = (module) => Object.entries(TABLE_OWNERS).filter(([, owner]) => owner !== module).map(([table]) => table)

const TESTS = ['**/*.test.ts', '**/*-fixtures.ts']

export const moduleBoundaries = [
  ...modules.map((module) => ({
    files: [`${MODULES_DIR}/${module}/**/*.ts`],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '^\\.\\./[^./][^/]*/',
          message: "Import another module only through its index.ts (import { x } from '../books'), never its repository or internals.",
        }],
      }],
      'no-restricted-syntax': ['error', ...writeSelectors(notOwnedBy(module), module)],
    },
  })),
  {
    // Code outside the modules (app wiring, CLI, db helpers) writes no module's table either; the
    // demo seed and the migrations are the exceptions: they build the schema and the demo province.
    files: ['apps/server/src/**/*.ts'],
    ignores: [`${MODULES_DIR}/**`, 'apps/server/src/seed/**', 'apps/server/src/db/migrations/**', 'apps/server/src/test/**', ...TESTS],
    rules: { 'no-restricted-syntax': ['error', ...writeSelectors(Object.keys(TABLE_OWNERS))] },
  },
]
