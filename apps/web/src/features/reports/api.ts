import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { vietnamClock, WeeklyReportReminder, WeeklyReportView, type WeeklyReportTexts } from '@hts/domain'
import { formatDate } from '../../lib/format'
import { requestParsed } from '../../lib/http'

export type { WeeklyReportTexts, WeeklyReportUnitStatus, WeeklyReportView } from '@hts/domain'

export const WEEKLY_REPORT_PATH = '/bao-cao-tuan'

/** Deadlines are set in Vietnam time (UTC+7, no daylight saving): shown so whatever the browser's zone. */
export function formatVietnamTime(iso: string | Date | null | undefined): string {
  if (!iso) return ''
  const { day, time } = vietnamClock(iso)
  return `${formatDate(day)} ${time}`
}

export const reportKeys = {
  weekly: (unitId: string, week: string) => ['reports', 'weekly', unitId, week] as const,
  reminder: ['reports', 'reminder'] as const,
}

/** Link to one unit's report of a week (the level above opens its units' reports from its table). */
export const weeklyReportLink = (unitId: string, week: string) => `${WEEKLY_REPORT_PATH}?don-vi=${encodeURIComponent(unitId)}&tuan=${encodeURIComponent(week)}`

/** The report as PDF or Excel, a download link. */
export const weeklyReportFileUrl = (unitId: string, week: string, format: 'pdf' | 'xlsx') =>
  `/api/reports/weekly/report.${format}?unitId=${encodeURIComponent(unitId)}&week=${encodeURIComponent(week)}`

export function useWeeklyReport(unitId: string, week: string) {
  return useQuery({ queryKey: reportKeys.weekly(unitId, week), queryFn: () => requestParsed(WeeklyReportView, '/api/reports/weekly', { query: { unitId, week } }) })
}

/** Every answer is the whole report: it replaces the cached one; the reminder may go away. */
function useReportAnswer() {
  const queryClient = useQueryClient()
  return (report: WeeklyReportView) => {
    queryClient.setQueryData(reportKeys.weekly(report.unit.id, report.weekStart), report)
    void queryClient.invalidateQueries({ queryKey: reportKeys.reminder })
  }
}

export function useSaveWeeklyReport() {
  const onAnswer = useReportAnswer()
  return useMutation({
    mutationFn: (input: WeeklyReportTexts & { unitId: string; week: string; version: number }) => requestParsed(WeeklyReportView, '/api/reports/weekly', { method: 'PUT', body: input }),
    onSuccess: onAnswer,
  })
}

export function useSubmitWeeklyReport() {
  const onAnswer = useReportAnswer()
  return useMutation({
    mutationFn: (input: { unitId: string; week: string; version: number }) => requestParsed(WeeklyReportView, '/api/reports/weekly/submit', { method: 'POST', body: input }),
    onSuccess: onAnswer,
  })
}

/** This week's report of the user's unit, when not yet submitted (from Thursday). */
export function useReportReminder(enabled: boolean) {
  return useQuery({ queryKey: reportKeys.reminder, queryFn: async () => (await requestParsed(WeeklyReportReminder, '/api/reports/weekly/reminder')).reminder, enabled, staleTime: 5 * 60_000 })
}
