/**
 * The password rules of issue 14 on every password a person chooses (an account created, a reset by
 * an administrator, one's own change): the domain's strength check, plus the passwords this
 * installation made public (the demo accounts' password, printed at start and in the README).
 */
import { passwordProblem, type PasswordContext } from '@hts/domain/password-strength'
import { HttpError } from '../../http/errors'

export interface PasswordPolicy {
  /** Throws a 400 with the Vietnamese reason when `password` may not be used by this account. */
  check(password: string, account: Omit<PasswordContext, 'knownPasswords'>, field: string): void
}

export function createPasswordPolicy(publicPasswords: readonly string[]): PasswordPolicy {
  return {
    check(password, account, field) {
      const problem = passwordProblem(password, { ...account, knownPasswords: publicPasswords })
      if (problem) throw new HttpError(400, 'weak_password', problem.message, { reason: problem.code, fieldErrors: { [field]: problem.message } })
    },
  }
}
