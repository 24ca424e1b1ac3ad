/**
 * The people an entry names, as the catalog declares them: every person-name field but the
 * requester's, with the birth date of the same person where the register has one (…HoTen beside
 * …NgaySinh). Links across registers (a death or a marriage to the birth entry, DOMAIN.md §10) look
 * these people up as the subjects of other entries.
 */
import { getBookType, type BookTypeCode } from '../catalog'
import { FIELD_GROUPS, type EntryFields, type FieldGroup } from '../catalog/types'

export interface EntryPerson {
  key: string
  group: FieldGroup
  /** Vietnamese: whom the entry names ("Thông tin người chồng"). */
  role: string
  name: string
  birth: string | undefined
}

export function personsOf(bookType: BookTypeCode, fields: EntryFields): EntryPerson[] {
  const def = getBookType(bookType)
  const keys = new Set(def.fields.map((f) => f.key))
  return def.fields
    .filter((f) => f.kind === 'personName' && f.group !== 'requester' && fields[f.key])
    .map((f) => {
      const birthKey = f.key.replace(/HoTen$/, 'NgaySinh')
      return { key: f.key, group: f.group, role: FIELD_GROUPS[f.group], name: fields[f.key] as string, birth: birthKey !== f.key && keys.has(birthKey) ? fields[birthKey] : undefined }
    })
}
