import type { ColumnType, Generated, JSONColumnType } from 'kysely'

/** ISO calendar date 'yyyy-mm-dd' (kept as text by both engines' parsers). */
type IsoDate = string
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

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
  failed_login_count: Generated<number>
  last_login_at: Timestamp | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface SessionsTable {
  id: string
  user_id: string
  created_at: Generated<Date>
  expires_at: Timestamp
  last_seen_at: Generated<Date>
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
  client_txn_id: string | null
  version: Generated<number>
  created_by: string | null
  updated_by: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface EntryRevisionsTable {
  id: Generated<number>
  entry_id: string
  version: number
  status: string
  fields: JSONColumnType<Record<string, string>>
  change_kind: string
  changed_by: string | null
  changed_at: Generated<Date>
}

export interface JobsTable {
  id: Generated<string>
  kind: string
  status: Generated<'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'>
  unit_id: string
  created_by: string | null
  params: JSONColumnType<Record<string, unknown>>
  progress: JSONColumnType<Record<string, unknown>>
  result: JSONColumnType<Record<string, unknown>> | null
  error: string | null
  cancel_requested: Generated<boolean>
  attempts: Generated<number>
  created_at: Generated<Date>
  started_at: Timestamp | null
  finished_at: Timestamp | null
  heartbeat_at: Timestamp | null
}

export interface Database {
  administrative_units: AdministrativeUnitsTable
  unit_successions: UnitSuccessionsTable
  registration_offices: RegistrationOfficesTable
  users: UsersTable
  sessions: SessionsTable
  audit_events: AuditEventsTable
  books: BooksTable
  entries: EntriesTable
  entry_revisions: EntryRevisionsTable
  jobs: JobsTable
}
