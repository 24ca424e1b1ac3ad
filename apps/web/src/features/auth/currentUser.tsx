import { createContext, useContext, type ReactNode } from 'react'
import type { Me } from './api'

// Provided by the authenticated shell once the user is known, so screens never see "no user".
const CurrentUserContext = createContext<Me | null>(null)

export function CurrentUserProvider({ user, children }: { user: Me; children: ReactNode }) {
  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>
}

/** The signed-in user; only for screens under the authenticated shell. */
export function useCurrentUser(): Me {
  const user = useContext(CurrentUserContext)
  if (!user) throw new Error('useCurrentUser called outside the authenticated shell')
  return user
}

/** Where a user lands after login: the first screen their role may open. */
// Those who follow the campaign rather than key (officers above the commune, commune leaders) land on its dashboard.
const DASHBOARD_HOME_ROLES: ReadonlySet<string> = new Set(['province_officer', 'district_officer', 'commune_leader'])

export function homePathOf(user: Me): string {
  if (DASHBOARD_HOME_ROLES.has(user.role) && user.permissions.includes('campaign.read')) return '/tien-do'
  if (user.permissions.includes('book.read')) return '/so'
  if (user.permissions.includes('user.manage')) return '/tai-khoan'
  return '/so'
}
