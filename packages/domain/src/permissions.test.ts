import { describe, expect, it } from 'vitest'
import {
  ACCOUNT_REFUSALS,
  MANAGEABLE_ROLES,
  ROLE_CODES,
  ROLES,
  changeRefusal,
  grantRefusal,
  manageRefusal,
  mayGrant,
  permissionsOf,
  roleFitsUnitLevel,
  type AccountManager,
  type Role,
} from './permissions'

const PROVINCE = 'tinh'
const DISTRICT = 'huyen'
const COMMUNE = 'xa'
const OTHER_PROVINCE = 'tinh-khac'
const provinceScope = new Set([PROVINCE, DISTRICT, COMMUNE])

const admin: AccountManager = { id: 'admin', role: 'system_admin', scope: provinceScope }
const provinceOfficer: AccountManager = { id: 'so', role: 'province_officer', scope: provinceScope }
const districtOfficer: AccountManager = { id: 'phong', role: 'district_officer', scope: new Set([DISTRICT, COMMUNE]) }

describe('roleFitsUnitLevel', () => {
  it('puts commune roles on communes, district roles on districts, province roles on provinces', () => {
    expect(roleFitsUnitLevel('commune_justice', 'commune')).toBe(true)
    expect(roleFitsUnitLevel('commune_justice', 'province')).toBe(false)
    expect(roleFitsUnitLevel('commune_police', 'district')).toBe(false)
    expect(roleFitsUnitLevel('district_officer', 'district')).toBe(true)
    expect(roleFitsUnitLevel('district_officer', 'commune')).toBe(false)
    expect(roleFitsUnitLevel('province_officer', 'province')).toBe(true)
    expect(roleFitsUnitLevel('system_admin', 'commune')).toBe(false)
  })
})

describe('grantRefusal', () => {
  it('refuses a commune justice officer at province level, even to the administrator (issue 14)', () => {
    expect(grantRefusal(admin, { role: 'commune_justice', unitId: PROVINCE, unitLevel: 'province' })).toEqual({ reason: 'role_level', message: ACCOUNT_REFUSALS.role_level })
    expect(mayGrant(admin, { role: 'commune_justice', unitId: COMMUNE, unitLevel: 'commune' })).toBe(true)
  })

  it('refuses a province officer an administrator account, new or existing', () => {
    expect(grantRefusal(provinceOfficer, { role: 'system_admin', unitId: PROVINCE, unitLevel: 'province' })?.reason).toBe('role_beyond_own')
    expect(manageRefusal(provinceOfficer, { userId: 'admin', role: 'system_admin', unitId: PROVINCE })?.reason).toBe('role_beyond_own')
    expect(mayGrant(provinceOfficer, { role: 'province_officer', unitId: PROVINCE, unitLevel: 'province' })).toBe(true)
    expect(mayGrant(provinceOfficer, { role: 'commune_leader', unitId: COMMUNE, unitLevel: 'commune' })).toBe(true)
  })

  it('answers out_of_scope (404 on the server) for a unit outside the manager’s scope', () => {
    expect(grantRefusal(admin, { role: 'province_officer', unitId: OTHER_PROVINCE, unitLevel: 'province' })?.reason).toBe('out_of_scope')
  })

  it('gives nothing to roles that do not manage accounts', () => {
    expect(grantRefusal(districtOfficer, { role: 'commune_digitizer', unitId: COMMUNE, unitLevel: 'commune' })?.reason).toBe('no_authority')
    for (const role of ROLE_CODES) {
      if (!permissionsOf(role).includes('user.manage')) expect(MANAGEABLE_ROLES[role]).toEqual([])
    }
  })

  it('refuses changes to one’s own account', () => {
    expect(manageRefusal(provinceOfficer, { userId: 'so', role: 'province_officer', unitId: PROVINCE })?.reason).toBe('self')
    expect(changeRefusal(admin, { userId: 'admin', role: 'system_admin', unitId: PROVINCE }, { role: 'system_admin', unitId: PROVINCE, unitLevel: 'province' })?.reason).toBe('self')
  })

  it('checks a change against the account before and after it', () => {
    const officer = { userId: 'u1', role: 'province_officer' as Role, unitId: PROVINCE }
    expect(changeRefusal(provinceOfficer, officer, { role: 'system_admin', unitId: PROVINCE, unitLevel: 'province' })?.reason).toBe('role_beyond_own')
    expect(changeRefusal(provinceOfficer, officer, { role: 'commune_justice', unitId: PROVINCE, unitLevel: 'province' })?.reason).toBe('role_level')
    expect(changeRefusal(provinceOfficer, officer, { role: 'commune_justice', unitId: COMMUNE, unitLevel: 'commune' })).toBeNull()
    // An account that does not fit its level today can be corrected.
    const misfit = { userId: 'u2', role: 'commune_justice' as Role, unitId: PROVINCE }
    expect(changeRefusal(provinceOfficer, misfit, { role: 'commune_justice', unitId: COMMUNE, unitLevel: 'commune' })).toBeNull()
  })

  it('every manager except the administrator manages only roles of its level or below whose account powers it holds', () => {
    const rank = { commune: 0, district: 1, province: 2 } as const
    const accountPowers = ['user.manage', 'unit.import', 'reconcile.settings', 'file.verify', 'audit.read'] as const
    for (const actor of ROLE_CODES.filter((r) => r !== 'system_admin')) {
      for (const target of MANAGEABLE_ROLES[actor]) {
        expect(rank[ROLES[target].level]).toBeLessThanOrEqual(rank[ROLES[actor].level])
        for (const power of accountPowers) {
          if (permissionsOf(target).includes(power)) expect(permissionsOf(actor)).toContain(power)
        }
      }
    }
  })
})
