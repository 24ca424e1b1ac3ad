import { Progress, Typography } from 'antd'
import { useEffect, useState } from 'react'
import type { PasswordContext, PasswordVerdict } from '@hts/domain/password-strength'

type Judge = (password: string, context: PasswordContext) => PasswordVerdict

// The checker's dictionaries (~1 MB) load only on the screens that set a password, never with the login page.
let judgeLoading: Promise<Judge> | undefined
function loadJudge(): Promise<Judge> {
  judgeLoading ??= import('@hts/domain/password-strength').then((module) => module.judgePassword)
  return judgeLoading
}

const COLORS = ['#cf1322', '#d4380d', '#d48806', '#389e0d', '#237804']

/**
 * The domain's verdict on a password as it is typed (the same check the server makes, except the
 * installation's public passwords): strength and what to fix. The server's answer stays the judge.
 */
export function PasswordStrength({ password, context }: { password: string; context: PasswordContext }) {
  const [judge, setJudge] = useState<Judge | null>(null)
  useEffect(() => {
    let live = true
    void loadJudge().then((loaded) => live && setJudge(() => loaded))
    return () => {
      live = false
    }
  }, [])
  if (!password || !judge) return null
  const verdict = judge(password, context)
  const accepted = verdict.problem === null
  return (
    <div data-testid="password-strength" aria-live="polite">
      <Progress
        percent={((verdict.score + 1) / 5) * 100}
        showInfo={false}
        size="small"
        strokeColor={accepted ? COLORS[verdict.score] : COLORS[0]}
      />
      <Typography.Text type={accepted ? 'success' : 'danger'} style={{ fontSize: 12 }}>
        {accepted ? `Độ mạnh: ${verdict.scoreLabel}` : verdict.problem?.message}
      </Typography.Text>
    </div>
  )
}
