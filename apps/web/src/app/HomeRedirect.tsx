import { Navigate } from 'react-router-dom'
import { homePathOf, useCurrentUser } from '../features/auth/currentUser'

export function HomeRedirect() {
  return <Navigate to={homePathOf(useCurrentUser())} replace />
}
