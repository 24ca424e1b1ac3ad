/**
 * Password strength (issue 14): long enough, not a common or public password, not the account's
 * own names, and hard to guess by zxcvbn-ts's estimate (score 3 of 4 or more). Pure, so the server
 * refuses with it and the web shows the same verdict while the password is typed. Kept out of the
 * package's index (subpath `@hts/domain/password-strength`): the dictionaries weigh ~1 MB, and only
 * the screens that set a password load them.
 */
import { ZxcvbnFactory, type MatchExtended, type ZxcvbnResult } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common'
import { foldKey } from '../text/fold'

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 200
/** zxcvbn's score (0-4) a password must reach: 3 is about 10^8 guesses, out of reach of online guessing and slow offline. */
export const PASSWORD_MIN_SCORE = 3

export const PASSWORD_SCORE_LABELS = ['Rất yếu', 'Yếu', 'Trung bình', 'Mạnh', 'Rất mạnh'] as const

export const PASSWORD_PROBLEMS = {
  too_short: 'Mật khẩu phải có ít nhất 10 ký tự',
  too_long: 'Mật khẩu dài quá 200 ký tự',
  known: 'Mật khẩu này là mật khẩu công khai (mật khẩu demo trong tài liệu); hãy chọn mật khẩu khác',
  username: 'Mật khẩu không được giống hoặc chứa tên đăng nhập; hãy bỏ tên đăng nhập ra khỏi mật khẩu',
  full_name: 'Mật khẩu không được chứa họ tên của người dùng; hãy chọn cụm từ khác',
  unit_name: 'Mật khẩu không được chứa tên đơn vị; hãy chọn cụm từ khác',
  common: 'Mật khẩu này nằm trong danh sách mật khẩu phổ biến, dễ bị đoán; hãy chọn mật khẩu khác, ví dụ ghép 3-4 từ không liên quan với nhau',
  weak: 'Mật khẩu quá dễ đoán',
} as const
export type PasswordProblemCode = keyof typeof PASSWORD_PROBLEMS

export interface PasswordProblem {
  code: PasswordProblemCode
  message: string
}

/** Who the password is for: it must not contain their names. */
export interface PasswordContext {
  username?: string | null | undefined
  fullName?: string | null | undefined
  unitName?: string | null | undefined
  /** Passwords that are public (the demo accounts' password printed by the server and the README). */
  knownPasswords?: readonly string[] | undefined
}

export interface PasswordVerdict {
  /** zxcvbn's score 0-4 (0 when the password is refused before it is scored). */
  score: number
  scoreLabel: string
  problem: PasswordProblem | null
}

let factory: ZxcvbnFactory | undefined
/** Built on first use: ranking the dictionaries takes a moment. Levenshtein matching is left off (10x slower). */
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, useLevenshteinDistance: false })
  return factory
}

let commonPasswords: ReadonlySet<string> | undefined
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'])
  return commonPasswords.has(password.toLowerCase())
}

/** Letters and digits only, without diacritics, lower case: "Xã An Phú" → "xaanphu". */
const compact = (text: string) => foldKey(text).replace(/[^a-z0-9]/g, '')

/** Words a unit's name starts with that say its level, not its name. */
const UNIT_LEVEL_WORDS = ['thanh pho', 'thi tran', 'thi xa', 'phuong', 'huyen', 'quan', 'tinh', 'xa', 'dac khu']

/** "Xã An Phú" → ["xaanphu", "anphu"]: the name with and without its level word. */
function unitNames(unitName: string): string[] {
  const folded = foldKey(unitName)
  const level = UNIT_LEVEL_WORDS.find((word) => folded.startsWith(`${word} `))
  const names = [compact(folded)]
  if (level) names.push(compact(folded.slice(level.length)))
  return names.filter((name) => name.length >= 3)
}

/** The first personal name the password holds, folded (case and diacritics ignored), or null. */
function personalProblem(password: string, context: PasswordContext): PasswordProblem | null {
  const folded = compact(password)
  const holds = (name: string) => name.length >= 3 && folded.includes(name)
  if (context.username && (holds(compact(context.username)) || password.toLowerCase().includes(context.username.toLowerCase()))) {
    return problem('username')
  }
  if (context.fullName && holds(compact(context.fullName))) return problem('full_name')
  if (context.unitName && unitNames(context.unitName).some(holds)) return problem('unit_name')
  return null
}

const problem = (code: PasswordProblemCode, detail?: string): PasswordProblem => ({
  code,
  message: detail ? `${PASSWORD_PROBLEMS[code]} (${detail})` : PASSWORD_PROBLEMS[code],
})

/** What zxcvbn found that makes the password easy, in words a user can act on. */
function weaknessOf(sequence: readonly MatchExtended[]): string {
  const found = new Set<string>()
  for (const match of sequence) {
    switch (match.pattern) {
      case 'repeat': found.add('ký tự hoặc cụm lặp lại như aaaa, abcabc'); break
      case 'sequence': found.add('dãy liên tiếp như 1234, abcd'); break
      case 'spatial': found.add('các phím liền nhau như qwerty, asdf'); break
      case 'date': found.add('ngày tháng năm'); break
      case 'dictionary': found.add(match.dictionaryName === 'userInputs' ? 'tên đăng nhập, họ tên hoặc tên đơn vị' : 'từ hoặc mật khẩu phổ biến'); break
      default: break
    }
  }
  const what = found.size > 0 ? `: có ${[...found].join('; ')}` : ''
  return `${PASSWORD_PROBLEMS.weak}${what}. Hãy dùng mật khẩu dài hơn, ví dụ ghép 3-4 từ không liên quan với nhau, thêm số hoặc ký hiệu`
}

function userInputsOf(context: PasswordContext): string[] {
  const inputs: string[] = []
  if (context.username) inputs.push(context.username.toLowerCase(), ...context.username.toLowerCase().split(/[._-]+/))
  if (context.fullName) inputs.push(compact(context.fullName), ...foldKey(context.fullName).split(' '))
  if (context.unitName) inputs.push(...unitNames(context.unitName))
  return inputs.filter((input) => input.length >= 3)
}

/** The verdict on a password: its score and the first reason it is refused (null when it is accepted). */
export function judgePassword(password: string, context: PasswordContext = {}): PasswordVerdict {
  const verdict = (score: number, refusal: PasswordProblem | null): PasswordVerdict => ({
    score,
    scoreLabel: PASSWORD_SCORE_LABELS[score] ?? PASSWORD_SCORE_LABELS[0],
    problem: refusal,
  })
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) return verdict(0, problem('too_short', `hiện có ${length}`))
  if (length > PASSWORD_MAX_LENGTH) return verdict(0, problem('too_long'))
  if (context.knownPasswords?.includes(password)) return verdict(0, problem('known'))
  const personal = personalProblem(password, context)
  if (personal) return verdict(0, personal)
  const result: ZxcvbnResult = zxcvbn().check(password, userInputsOf(context))
  const whollyCommon = result.sequence.length === 1 && result.sequence[0]?.pattern === 'dictionary' && result.sequence[0].dictionaryName === 'passwords-common'
  if (isCommonPassword(password) || whollyCommon) return verdict(Math.min(result.score, 1), problem('common'))
  if (result.score < PASSWORD_MIN_SCORE) return verdict(result.score, { code: 'weak', message: weaknessOf(result.sequence) })
  return verdict(result.score, null)
}

/** The reason a password is refused, or null. */
export function passwordProblem(password: string, context: PasswordContext = {}): PasswordProblem | null {
  return judgePassword(password, context).problem
}
