import { describe, expect, it } from 'vitest'
import { judgePassword, passwordProblem } from './strength'

const officer = { username: 'tuphap.anphu', fullName: 'Nguyễn Thị Hồng Nhung', unitName: 'Xã An Phú', knownPasswords: ['HoTich@2025'] }

describe('passwordProblem', () => {
  it.each([
    ['short', 'Ab1!', 'too_short'],
    ['a sequence', '1234567890', 'common'],
    ['one repeated letter', 'aaaaaaaaaa', 'weak'],
    ['a common password with digits', 'password123', 'common'],
    ['the public demo password', 'HoTich@2025', 'known'],
    ['the username', 'tuphap.anphu', 'username'],
    ['the username inside, other case', 'TuPhap.AnPhu#2024', 'username'],
    ['the full name without diacritics', 'NguyenThiHongNhung99', 'full_name'],
    ['the unit name with diacritics', 'Xã An Phú 2025!', 'unit_name'],
    ['the unit name without its level word', 'anphu-Ha-Noi-77', 'unit_name'],
  ])('refuses %s', (_, password, code) => {
    const problem = passwordProblem(password, officer)
    expect(problem?.code).toBe(code)
    expect(problem?.message).toMatch(/^Mật khẩu/)
  })

  it('says what makes a password easy to guess', () => {
    expect(passwordProblem('aaaaaaaaaa')?.message).toMatch(/lặp lại/)
    expect(passwordProblem('qwertyuiop[]')?.message).toMatch(/phím liền nhau|phổ biến/)
  })

  it('accepts a long passphrase of unrelated words, and scores it', () => {
    expect(judgePassword('Mây-Trắng-Sông-Đà-47', officer)).toEqual({ score: 4, scoreLabel: 'Rất mạnh', problem: null })
    expect(passwordProblem('Tr@ngCh1m#48', officer)).toBeNull()
  })
})
