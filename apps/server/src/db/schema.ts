import type { ColumnType, Generated, JSONColumnType } from 'kysely'

/** ISO calendar date 'yyyy-mm-dd' (kept as text by both engines' parsers). */
type IsoDate = string
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
/**
 * A json/jsonb column the code reads back: selected as `unknown`, so each read parses it through its
 * zod schema (never a cast); written as JSON text.
 */
type Json = ColumnType<unknown, string, string>

export interface AdministrativeUnitsTable {
  id: Generated<string>
  code: string
  name: string
  name_folded: string
  level: 'province' | 'district' | 'commune'
  parent_id: string | null
  valid_from: IsoDate | null
  valid_to: IsoDate | null
  version_date: IsoDate | null
  source: string | null
  created_at: Generated<Date>
}

export interface UnitSuccessionsTable {
  predecessor_id: string
  successor_id: string
  effective_date: IsoDate | null
}

export interface RegistrationOfficesTable {
  id: Generated<string>
  name: string
  unit_id: string
  valid_from: IsoDate | null
  valid_to: IsoDate | null
}

export interface UsersTable {
  id: Generated<string>
  username: string
  full_name: string
  password_hash: string
  role: string
  unit_id: string
  locked: Generated<boolean>
  locked_reason: string | null
  locked_at: Timestamp | null
  /** Wrong-password attempts since the last success, counted before the password is checked (migration 0013). */
  failed_login_count: Generated<number>
  /** End of the lock after too many wrong passwords; `lock_count` such locks in a row make it longer. */
  locked_until: Timestamp | null
  lock_count: Generated<number>
  last_login_at: Timestamp | null
  /** Set for an account whose password was handed out (first administrator): it must be changed at login. */
  must_change_password: Generated<boolean>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface SessionsTable {
  id: string
  user_id: string
  created_at: Generated<Date>
  expires_at: Timestamp
  /** Last request seen, written at most once a minute; the idle timeout counts from it. */
  last_seen_at: Generated<Date>
  /** What the user sees and ends a session by (migration 0015); the token's hash `id` never leaves the server. */
  public_id: Generated<string>
  ip: string | null
  /** "Chrome 131 trên Windows": a summary of the User-Agent at login. */
  browser: string | null
}

export interface AuditEventsTable {
  id: Generated<number>
  occurred_at: Generated<Date>
  user_id: string | null
  unit_id: string | null
  action: string
  entity_type: string
  entity_id: string | null
  details: JSONColumnType<Record<string, unknown>>
  ip: string | null
  /** The row's place in the audit chain, the previous row's hash and its own (migration 0016): set at commit by a trigger, never by the application. */
  seq: Generated<number | null>
  prev_hash: Generated<string | null>
  hash: Generated<string | null>
}

/** Backups the server took (migration 0019), owned by modules/backups. */
export interface BackupsTable {
  id: Generated<string>
  kind: 'hourly' | 'daily' | 'manual' | 'cli'
  status: Generated<'running' | 'succeeded' | 'failed' | 'pruned'>
  engine: 'pglite' | 'postgres'
  path: string | null
  size_bytes: number | null
  sha256: string | null
  duration_ms: number | null
  files: number | null
  files_copied: number | null
  started_by: string | null
  started_at: Generated<Date>
  heartbeat_at: Generated<Date>
  finished_at: Timestamp | null
  verified_at: Timestamp | null
  error: string | null
  /** Migration 0025: the off-site copy (BACKUP_S3_BUCKET) reached the bucket at, or failed with. */
  offsite_at: Timestamp | null
  offsite_error: string | null
}

/** The head of the audit chain: one row, written only by the chain trigger (migration 0016). */
export interface AuditChainTable {
  singleton: Generated<boolean>
  seq: number
  hash: string
}

export interface BooksTable {
  id: Generated<string>
  book_type: string
  volume: string
  year: number
  issuing_authority: string
  issuing_unit_id: string | null
  custodian_unit_id: string
  opened_on: IsoDate | null
  closed_on: IsoDate | null
  page_count: number | null
  paper_size: 'A3' | 'A4' | null
  condition: 'intact' | 'damaged' | 'lost'
  condition_note: string | null
  created_by: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
  version: Generated<number>
  /** Two keyers key every entry blind (issue 11, migration 0028). */
  double_keying: Generated<boolean>
}

export interface EntriesTable {
  id: Generated<string>
  book_id: string
  custodian_unit_id: string
  book_type: string
  so: number | null
  trang_so: number | null
  registration_date: IsoDate | null
  registration_date_precision: 'day' | 'month' | 'year' | null
  registration_year: number | null
  status: string
  fields: JSONColumnType<Record<string, string>>
  subject_name: string | null
  subject_name_folded: string | null
  subject_birth_date: IsoDate | null
  subject_birth_precision: 'day' | 'month' | 'year' | null
  subject_personal_id: string | null
  /** The parents' folded names, "mother | father" (migration 0018, the search's parents filter). */
  parents_folded: ColumnType<string | null, string | null | undefined, string | null>
  /** The other party of a marriage, folded, and her birth date to the day (migration 0029, related entries). */
  spouse_name_folded: ColumnType<string | null, string | null | undefined, string | null>
  spouse_birth_date: ColumnType<IsoDate | null, IsoDate | null | undefined, IsoDate | null>
  client_txn_id: string | null
  version: Generated<number>
  created_by: string | null
  updated_by: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
  /** The import that wrote the entry (migration 0003); null for keyed entries. */
  import_id: ColumnType<string | null, string | null | undefined, string | null>
  /** Fields marked illegible by the keyer (migration 0006). */
  illegible_fields: ColumnType<string[], string | undefined, string>
  /** Review (migration 0009): who completed the keying and who last changed the content (four eyes). */
  keyed_by: ColumnType<string | null, string | null | undefined, string | null>
  content_changed_by: ColumnType<string | null, string | null | undefined, string | null>
  status_changed_at: ColumnType<Date, Date | undefined, Date>
  /** Why a checker or approver returned it (cleared when it is keyed again). */
  return_reason: ColumnType<string | null, string | null | undefined, string | null>
  /** Warning-level rule issues at the last write (a queue filter). */
  warning_count: ColumnType<number, number | undefined, number>
  /** What the import changed in the row (dates normalised, legacy text converted...): shown to the checker. */
  import_notes: ColumnType<unknown, string | undefined, string>
}

export interface EntryRevisionsTable {
  id: Generated<number>
  entry_id: string
  version: number
  status: string
  /** Null when this revision did not change the content (a transition): the fields are the last ones stored (migration 0020). */
  fields: JSONColumnType<Record<string, string> | null, string | null, string | null>
  change_kind: string
  changed_by: string | null
  changed_at: Generated<Date>
  /** The reason given with the change (a return, a correction after handover; migration 0009). */
  note: ColumnType<string | null, string | null | undefined, string | null>
}

export interface JobsTable {
  id: Generated<string>
  kind: string
  status: Generated<'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'>
  unit_id: string
  created_by: string | null
  params: Json
  progress: Json
  result: Json | null
  error: string | null
  cancel_requested: Generated<boolean>
  attempts: Generated<number>
  created_at: Generated<Date>
  started_at: Timestamp | null
  finished_at: Timestamp | null
  heartbeat_at: Timestamp | null
  /** host/pid/random of the process running it (migration 0025). */
  claimed_by: string | null
}

/** When each housekeeping task last started, whichever instance ran it (migration 0025). */
export interface PeriodicRunsTable {
  name: string
  started_at: Timestamp
  finished_at: Timestamp | null
  holder: string
  error: string | null
}

export interface ScanUploadsTable {
  id: Generated<string>
  book_id: string
  custodian_unit_id: string
  file_name: string
  sha256: string
  size: number
  mime_type: string
  page_count: number
  job_id: string | null
  created_by: string | null
  created_at: Generated<Date>
}

export interface BookPagesTable {
  id: Generated<string>
  book_id: string
  custodian_unit_id: string
  position: number
  upload_id: string
  source_page: number
  status: Generated<'pending' | 'ready' | 'failed'>
  error: string | null
  base_sha256: string | null
  image_sha256: string | null
  thumb_sha256: string | null
  width: number | null
  height: number | null
  rotation: Generated<0 | 90 | 180 | 270>
  kind: Generated<'page' | 'blank' | 'cover'>
  version: Generated<number>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface EntryPagesTable {
  entry_id: string
  page_id: string
  ordinal: number
}

export interface EntryDraftsTable {
  client_txn_id: string
  user_id: string
  book_id: string
  custodian_unit_id: string
  fields: JSONColumnType<Record<string, string>>
  page_ids: JSONColumnType<string[]>
  revision: Generated<number>
  saved_at: Generated<Date>
  /** Fields marked illegible (migration 0006). */
  illegible_fields: ColumnType<string[], string | undefined, string>
  /** OCR proposals the keyer passed over (migration 0041): OcrProvenance, read back through its schema. */
  ocr: ColumnType<Array<{ key: string; proposed: string; confidence: number }> | null, string | null | undefined, string | null>
}

export interface BookAssignmentsTable {
  book_id: string
  user_id: string
  assigned_by: string | null
  assigned_at: Generated<Date>
}

export interface ImportsTable {
  id: Generated<string>
  unit_id: string
  created_by: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
  book_type: string
  file_name: string
  file_format: 'xlsx' | 'csv'
  file_size: number
  file_sha256: string
  job_id: string | null
  mapping: Json
  options: Json
  analysis: Json | null
  counts: Json
}

export interface ImportRejectionsTable {
  import_id: string
  row_number: number
  cells: Json
  errors: Json
}

/** The rows an import took with warnings: [{ field, message }] per file row (migration 0010). */
export interface ImportWarningsTable {
  import_id: string
  row_number: number
  warnings: Json
}

export interface ImportMappingsTable {
  id: Generated<string>
  unit_id: string
  book_type: string
  name: string
  mapping: Json
  created_by: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

/** Population data and reconciliation (migration 0004, issue 5). */
export interface PopulationExtractsTable {
  id: Generated<string>
  unit_id: string
  source: string
  extract_date: IsoDate
  file_name: string | null
  status: Generated<'loading' | 'active' | 'replaced' | 'failed'>
  row_count: Generated<number>
  rejected_count: Generated<number>
  mapping: Json
  errors: Json
  job_id: string | null
  created_by: string | null
  created_at: Generated<Date>
  activated_at: Timestamp | null
  replaced_at: Timestamp | null
}

/** An uploaded population extract file waiting for its load (migration 0027); the bytes are in the file store. */
export interface PopulationUploadsTable {
  id: Generated<string>
  unit_id: string
  uploaded_by: string
  file_name: string
  file_format: 'xlsx' | 'csv'
  file_size: number
  file_sha256: string
  preview: Json
  created_at: Generated<Date>
  expires_at: Timestamp
  extract_id: string | null
}

export interface PopulationPeopleTable {
  id: Generated<number>
  extract_id: string
  row_number: number
  personal_id: string | null
  full_name: string
  name_canon: string
  name_folded: string
  birth_key: string | null
  birth_year: number | null
  sex: string | null
  birthplace: string | null
  birthplace_parts: string | null
  home_town: string | null
  ethnicity: string | null
  nationality: string | null
  residence: string | null
  mother_name: string | null
  mother_canon: string | null
  mother_folded: string | null
  mother_personal_id: string | null
  father_name: string | null
  father_canon: string | null
  father_folded: string | null
  father_personal_id: string | null
  key_date_surname: string | null
  key_date_given: string | null
  key_name_year: string | null
  key_name_ym: string | null
  key_name_yd: string | null
  key_name_md: string | null
  /** Blocking keys without the full name or the exact year (migration 0024, see blockingKeys). */
  key_sg_md: string | null
  key_sg_mother: string | null
  key_year_mother: string | null
  /** Keys of the loose stage: one name and the other's initial (migration 0031, see blockingKeys). */
  key_given_father: string | null
  key_given_mother: string | null
  key_initial_year: string | null
  key_given_year: string | null
  /** Loose keys: surname, year and father; middle names and full date (migration 0039, see blockingKeys). */
  key_year_father: string | null
  key_middle_date: string | null
}

export interface PopulationStatsTable {
  extract_id: string
  kind: string
  key: string
  n: number
}

export interface ReconciliationSettingsTable {
  unit_id: string
  link_probability: number
  review_probability: number
  prior_in_population: number
  updated_by: string | null
  updated_at: Generated<Date>
}

export interface ReconciliationResultsTable {
  id: Generated<string>
  entry_id: string
  book_id: string
  custodian_unit_id: string
  job_id: string | null
  source: 'local' | 'http'
  outcome: 'match' | 'mismatch' | 'not_found' | 'ambiguous' | 'not_checked'
  probability: number | null
  candidates: Json
  chosen_index: number | null
  differences: Json
  message: string | null
  population_size: number | null
  decision: Generated<'pending' | 'confirmed' | 'overridden'>
  final_outcome: 'match' | 'mismatch' | 'not_found' | null
  linked_personal_id: string | null
  linked_person: Json | null
  decided_by: string | null
  decided_at: Timestamp | null
  decision_note: string | null
  /** The entry field the decision wrote the linked ID into (reopening reverts it). */
  linked_field: string | null
  /** The follow-up case the decision opened. */
  followup_id: string | null
  checked_at: Generated<Date>
  version: Generated<number>
  /** The model whose weights scored it (migration 0024); null: the hand priors. */
  model_id: string | null
}

/** The m-probabilities a reconciliation run learned for a book (migration 0024, learn.ts). */
export interface ReconciliationModelsTable {
  id: Generated<string>
  custodian_unit_id: string
  book_id: string
  job_id: string | null
  model: Json
  /** Iterations, converged, entries and pairs used, seed. */
  fit: Json
  created_at: Generated<Date>
}

export interface FollowupCasesTable {
  id: Generated<string>
  entry_id: string
  result_id: string | null
  book_id: string
  custodian_unit_id: string
  personal_id: string | null
  subject_name: string | null
  subject_name_folded: string | null
  differences: Json
  status: Generated<'new' | 'verifying' | 'guided' | 'resolved_book' | 'resolved_population'>
  assignee_id: string | null
  created_by: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
  resolved_at: Timestamp | null
  version: Generated<number>
  /** Kind of difference (migration 0024, followupKind in the domain). */
  kind: Generated<string>
}

export interface FollowupNotesTable {
  id: Generated<number>
  case_id: string
  author_id: string | null
  text: string
  from_status: string | null
  to_status: string | null
  created_at: Generated<Date>
}

/** Marginal notes (ghi chú, migration 0020): later facts beside an entry; they never change `entries.fields`. */
export interface EntryNotesTable {
  id: Generated<string>
  entry_id: string
  custodian_unit_id: string
  kind: string
  note_date: string | null
  decision_number: string | null
  authority: string | null
  /** Field key → new value (null: cleared). */
  changes: JSONColumnType<Record<string, string | null>, string | undefined, string>
  text: string | null
  source: ColumnType<string, string | undefined, string>
  created_by: string | null
  created_at: Generated<Date>
  /** Corrections of date, basis or text (migration 0033): each bumps the version. */
  version: Generated<number>
  updated_by: string | null
  updated_at: Date | null
  /** A note keyed by mistake is withdrawn with a reason, never deleted (migration 0033). */
  withdrawn_by: string | null
  withdrawn_at: Date | null
  withdrawn_reason: string | null
  /** The free-text line of the imported ghi chú the note was read from, still in that column (migration 0038). */
  book_text: ColumnType<string | null, string | null | undefined, string | null>
}

/** Acceptance lots (nghiệm thu, migration 0012): the plan and the seed are frozen when the sample is drawn. */
export interface AcceptanceLotsTable {
  id: Generated<string>
  custodian_unit_id: string
  book_id: string | null
  phase: string
  year_from: number | null
  year_to: number | null
  /** Percent (0.65, 1.0...): double precision, a number on both drivers. */
  aql: number
  inspection_level: string
  lot_size: number
  code_letter: string
  sample_size: number
  acceptance_number: number
  rejection_number: number
  seed: string
  /** VND per entry (integer: the amount is computed in the code, lot size × price). */
  unit_price: ColumnType<number, number | undefined, number>
  status: ColumnType<string, string | undefined, string>
  defective_entries: ColumnType<number, number | undefined, number>
  field_errors: ColumnType<number, number | undefined, number>
  previous_lot_id: string | null
  created_by: string | null
  created_at: Generated<Date>
  decided_by: string | null
  decided_at: Date | null
  /** The campaign phase the lot was drawn for (migration 0022); older lots have only `phase` text. */
  phase_id: ColumnType<string | null, string | null | undefined, string | null>
}

export interface AcceptanceSamplesTable {
  lot_id: string
  entry_id: string
  position: number
  entry_version: number
  keyed_by: string | null
  inspected_by: string | null
  inspected_at: Date | null
  /** [{ field, found, correct }] (zod-parsed when read). */
  errors: ColumnType<unknown, string | undefined, string>
}

/** Handover batches (chuyển giao, migration 0011): a book's approved entries handed over at once. */
export interface HandoverBatchesTable {
  id: Generated<string>
  book_id: string
  custodian_unit_id: string
  created_by: string | null
  created_at: Generated<Date>
  entry_count: number
  /** The package's files, built with the batch and kept in the file store under these hashes. */
  excel_sha256: string
  manifest_sha256: string
  note: string | null
  /** Entries of the batch with page images: each gets a PDF in the zip the job builds (migration 0032). */
  pdfs_expected: Generated<number>
  pdf_job_id: string | null
  /** The zip of entry PDFs once built (null while the job runs, or when no entry has a page). */
  pdf_zip_sha256: string | null
  pdf_zip_size: number | null
}

/** The manifest: the exact version of each entry handed over and the SHA-256 of its fields. */
export interface HandoverEntriesTable {
  batch_id: string
  entry_id: string
  position: number
  version: number
  fields_sha256: string
}

/** A possible duplicate pair (migration 0021): found by the scan, decided once by an officer. */
export interface DuplicatePairsTable {
  id: Generated<string>
  custodian_unit_id: string
  book_type: string
  entry_a: string
  entry_b: string
  same_number: boolean
  same_event: boolean
  evidence: JSONColumnType<DuplicateEvidence>
  status: Generated<'open' | 'same' | 'different'>
  kept_entry_id: string | null
  decided_by: string | null
  decided_at: Date | null
  found_at: Generated<Date>
}

export interface DuplicateEvidence {
  fields: Array<{ key: string; label: string; verdict: 'agree' | 'weak' | 'differ'; note: string }>
}

/** A campaign phase (migration 0022): months 'yyyy-mm' inclusive; unit_ids null = every unit of the province. */
export interface CampaignPhasesTable {
  id: Generated<string>
  province_unit_id: string
  name: string
  window_from: string
  window_to: string
  book_types: string[]
  unit_ids: string[] | null
  starts_on: IsoDate
  deadline: IsoDate
  unit_price_vnd: number
  /** Percent, double precision: a number on both drivers. */
  aql: number
  created_by: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
  version: Generated<number>
}

/** A unit's plan for a phase (migration 0022). */
export interface CampaignPlansTable {
  id: Generated<string>
  phase_id: string
  unit_id: string
  status: Generated<'draft' | 'submitted' | 'approved' | 'returned'>
  starts_on: IsoDate | null
  ends_on: IsoDate | null
  /** [{ userId: string | null, name }] (zod-parsed when read). */
  team: ColumnType<unknown, string | undefined, string>
  entries_per_day: number | null
  note: string | null
  return_reason: string | null
  submitted_at: Date | null
  decided_by: string | null
  decided_at: Date | null
  created_by: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
  version: Generated<number>
}

export interface CampaignPlanLinesTable {
  plan_id: string
  book_type: string
  books_planned: number
  entries_planned: number
}

/** Entries per unit × type × registration year × month × status (migration 0023; kept by triggers on `entries`). Year 0: no date; month 0: year only. */
export interface EntryCountsTable {
  custodian_unit_id: string
  book_type: string
  registration_year: number
  registration_month: number
  status: string
  entries: number
}

/** `entry_counts` without the month (migration 0023). */
export interface EntryCountsYearlyTable {
  custodian_unit_id: string
  book_type: string
  registration_year: number
  status: string
  entries: number
}

/** Entries per unit × type × status, all years together (migration 0034; its own triggers on `entries`). */
export interface EntryCountsTotalTable {
  custodian_unit_id: string
  book_type: string
  status: string
  entries: number
}

/** Revisions per unit × Vietnam day × user (nil uuid: none) × change kind × status (migration 0023; trigger on `entry_revisions`). */
export interface EntryActivityTable {
  custodian_unit_id: string
  day: IsoDate
  user_id: string
  action: string
  status: string
  entries: number
}

/** Revisions per unit × Vietnam day × the entry's book type × change kind × status, no user (migration 0030; the weekly report's week per type). */
export interface EntryActivityTypesTable {
  custodian_unit_id: string
  day: IsoDate
  book_type: string
  action: string
  status: string
  entries: number
}

/** A unit's weekly report (migration 0026): texts while a draft; `figures` frozen at submission. */
export interface WeeklyReportsTable {
  id: Generated<string>
  unit_id: string
  /** The Monday of the ISO week. */
  week_start: IsoDate
  phase_id: string | null
  status: Generated<'draft' | 'submitted'>
  situation: Generated<string>
  difficulties: Generated<string>
  proposals: Generated<string>
  budget: Generated<string>
  /** The report's figures when submitted (zod-parsed when read); null while a draft. */
  figures: Json | null
  created_by: string | null
  updated_by: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
  submitted_by: string | null
  submitted_at: Date | null
  version: Generated<number>
}

/** Deadline of the weekly report per level of a province (migration 0026): ISO weekday and 'HH:MM', Vietnam time. */
export interface WeeklyReportDeadlinesTable {
  province_unit_id: string
  level: 'commune' | 'district' | 'province'
  weekday: number
  due_time: string
  updated_by: string | null
  updated_at: Generated<Date>
}

/** Second, blind keyings of entries of double-keyed books (issue 11, migration 0028). */
/** A book's row bands (migration 0036, issue 16): layout and page corrections as jsonb, parsed where read. */
export interface BookBandLayoutsTable {
  book_id: string
  layout: Json
  page_corrections: ColumnType<unknown, string | undefined, string>
  version: Generated<number>
  updated_by: string | null
  updated_at: Generated<Date>
}

export interface SecondKeyingsTable {
  id: Generated<string>
  entry_id: string
  first_keyer: string | null
  second_keyer: string
  entry_version: number
  /** Field values (jsonb objects) and field key lists (jsonb arrays): zod-parsed when read. */
  first_fields: Json
  second_fields: Json
  compared_fields: Json
  differing_fields: Json
  outcome: 'agreed' | 'disagreed'
  created_at: Generated<Date>
  resolved_by: ColumnType<string | null, string | null | undefined, string | null>
  resolved_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  resolution: Json | null
}

/** What OCR read on a page (migration 0035, issue 16): the anchored proposals, one row per page; the ocr module's. */
export interface PageOcrTable {
  page_id: string
  book_id: string
  custodian_unit_id: string
  status: 'pending' | 'done' | 'failed'
  engine: string | null
  /** The base rendition read: a page rendered again is read again. */
  image_sha256: string | null
  ms: number | null
  confidence: number | null
  /** OcrEntryProposal[] (zod-parsed when read). */
  entries: Json
  error: string | null
  job_id: string | null
  read_at: Date | null
  updated_at: Generated<Date>
}

/** A book's OCR switched on or off by hand (migration 0035); no row: the default (ocr/policy.ts). */
export interface BookOcrSettingsTable {
  book_id: string
  custodian_unit_id: string
  enabled: boolean
  version: Generated<number>
  updated_by: string | null
  updated_at: Generated<Date>
}

/** Fields of a saved entry that came from an OCR proposal (migration 0035): what was proposed, whether the keyer changed it. */
export interface EntryOcrFieldsTable {
  entry_id: string
  field_key: string
  book_id: string
  proposed: string
  confidence: number
  changed: boolean
  recorded_by: string | null
  recorded_at: Generated<Date>
}

export interface Database {
  second_keyings: SecondKeyingsTable
  book_band_layouts: BookBandLayoutsTable
  campaign_phases: CampaignPhasesTable
  campaign_plans: CampaignPlansTable
  campaign_plan_lines: CampaignPlanLinesTable
  weekly_reports: WeeklyReportsTable
  weekly_report_deadlines: WeeklyReportDeadlinesTable
  duplicate_pairs: DuplicatePairsTable
  backups: BackupsTable
  handover_batches: HandoverBatchesTable
  handover_entries: HandoverEntriesTable
  administrative_units: AdministrativeUnitsTable
  unit_successions: UnitSuccessionsTable
  registration_offices: RegistrationOfficesTable
  users: UsersTable
  sessions: SessionsTable
  audit_events: AuditEventsTable
  audit_chain: AuditChainTable
  books: BooksTable
  entries: EntriesTable
  acceptance_lots: AcceptanceLotsTable
  acceptance_samples: AcceptanceSamplesTable
  entry_revisions: EntryRevisionsTable
  jobs: JobsTable
  periodic_runs: PeriodicRunsTable
  imports: ImportsTable
  import_rejections: ImportRejectionsTable
  import_warnings: ImportWarningsTable
  import_mappings: ImportMappingsTable
  scan_uploads: ScanUploadsTable
  book_pages: BookPagesTable
  entry_pages: EntryPagesTable
  entry_drafts: EntryDraftsTable
  book_assignments: BookAssignmentsTable
  population_extracts: PopulationExtractsTable
  population_uploads: PopulationUploadsTable
  population_people: PopulationPeopleTable
  population_stats: PopulationStatsTable
  reconciliation_settings: ReconciliationSettingsTable
  reconciliation_results: ReconciliationResultsTable
  reconciliation_models: ReconciliationModelsTable
  followup_cases: FollowupCasesTable
  followup_notes: FollowupNotesTable
  entry_notes: EntryNotesTable
  entry_counts: EntryCountsTable
  entry_counts_yearly: EntryCountsYearlyTable
  entry_counts_total: EntryCountsTotalTable
  entry_activity: EntryActivityTable
  entry_activity_types: EntryActivityTypesTable
  page_ocr: PageOcrTable
  book_ocr_settings: BookOcrSettingsTable
  entry_ocr_fields: EntryOcrFieldsTable
}
