export const NOT_YOUR_ARBITRATION = 'Bạn đã nhập trường hợp này (lần 1 hoặc lần 2): một người khác phải đối chiếu hai lần nhập'

/** An arbitrator is neither of the two keyers (nor whoever completed the entry). */
export function mayArbitrate(userId: string, item: { firstKeyer: string | null; secondKeyer: string; keyedBy: string | null }): boolean {
  return userId !== item.firstKeyer && userId !== item.secondKeyer && userId !== item.keyedBy
}
