import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { BookView, InventoryView, PhaseList, PhaseView, PlanSummaryList, PlanView, type BookCondition, type PhaseInput, type PlanAction, type PlanUpdate } from '@hts/domain'
import { requestParsed } from '../../lib/http'

export type { InventoryBook, InventoryView, PhaseView, PlanSummary, PlanView } from '@hts/domain'

export const PHASES_PATH = '/chien-dich'
export const PLANS_PATH = '/ke-hoach'
export const INVENTORY_PATH = '/kiem-ke'

export const campaignKeys = {
  phases: ['campaign', 'phases'] as const,
  plans: (phaseId: string, unitId?: string) => ['campaign', 'plans', phaseId, unitId ?? ''] as const,
  plan: (id: string) => ['campaign', 'plan', id] as const,
  inventory: (unitId: string, phaseId?: string) => ['campaign', 'inventory', unitId, phaseId ?? ''] as const,
}

/** The appendix table (phụ lục) of a unit and a phase, as a download link. */
export const appendixUrl = (unitId: string, phaseId: string, format: 'xlsx' | 'pdf') =>
  `/api/campaign/appendix.${format}?unitId=${encodeURIComponent(unitId)}&phaseId=${encodeURIComponent(phaseId)}`

/** The province's phases (`enabled` false for a user without campaign.read: the server would answer 403). */
export function usePhases(enabled = true) {
  return useQuery({ queryKey: campaignKeys.phases, queryFn: async () => (await requestParsed(PhaseList, '/api/campaign/phases')).items, enabled, staleTime: 60_000 })
}

export function useSavePhase() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, input, version }: { id?: string; input: PhaseInput; version?: number }) =>
      id
        ? requestParsed(PhaseView, `/api/campaign/phases/${encodeURIComponent(id)}`, { method: 'PUT', body: { ...input, version } })
        : requestParsed(PhaseView, '/api/campaign/phases', { method: 'POST', body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: campaignKeys.phases }),
  })
}

export function usePlanSummaries(phaseId: string | undefined, unitId?: string) {
  return useQuery({
    queryKey: campaignKeys.plans(phaseId ?? '', unitId),
    queryFn: async () => (await requestParsed(PlanSummaryList, '/api/campaign/plans', { query: { phaseId, unitId } })).items,
    enabled: Boolean(phaseId),
  })
}

export function usePlan(id: string | null | undefined) {
  return useQuery({ queryKey: campaignKeys.plan(id ?? ''), queryFn: () => requestParsed(PlanView, `/api/campaign/plans/${encodeURIComponent(id ?? '')}`), enabled: Boolean(id) })
}

/** Every answer about a plan is the whole plan: it replaces the cached one, and the lists refetch. */
function usePlanAnswer() {
  const queryClient = useQueryClient()
  return (plan: PlanView) => {
    queryClient.setQueryData(campaignKeys.plan(plan.id), plan)
    void queryClient.invalidateQueries({ queryKey: ['campaign', 'plans'] })
  }
}

export function useCreatePlan() {
  const onAnswer = usePlanAnswer()
  return useMutation({
    mutationFn: (input: { phaseId: string; unitId: string }) => requestParsed(PlanView, '/api/campaign/plans', { method: 'POST', body: input }),
    onSuccess: onAnswer,
  })
}

export function useUpdatePlan(id: string) {
  const onAnswer = usePlanAnswer()
  return useMutation({
    mutationFn: (input: PlanUpdate) => requestParsed(PlanView, `/api/campaign/plans/${encodeURIComponent(id)}`, { method: 'PUT', body: input }),
    onSuccess: onAnswer,
  })
}

export function usePlanTransition(id: string) {
  const onAnswer = usePlanAnswer()
  return useMutation({
    mutationFn: (input: { action: PlanAction; version: number; reason?: string }) =>
      requestParsed(PlanView, `/api/campaign/plans/${encodeURIComponent(id)}/transitions`, { method: 'POST', body: input }),
    onSuccess: onAnswer,
  })
}

export function useInventory(unitId: string | undefined, phaseId: string | undefined) {
  return useQuery({
    queryKey: campaignKeys.inventory(unitId ?? '', phaseId),
    queryFn: () => requestParsed(InventoryView, '/api/campaign/inventory', { query: { unitId, phaseId } }),
    enabled: Boolean(unitId),
  })
}

/** A book's condition is the books module's: saved through its PATCH with the version shown. */
export function useSaveCondition() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, condition, conditionNote, version }: { id: string; condition: BookCondition; conditionNote: string | null; version: number }) =>
      requestParsed(BookView, `/api/books/${encodeURIComponent(id)}`, { method: 'PATCH', body: { condition, conditionNote, version } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['campaign', 'inventory'] }),
  })
}
