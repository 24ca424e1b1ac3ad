/**
 * `?tro-giup=tat` on the workbench's address: the workbench without its help (no carry-forward of
 * the previous entry, no suggestion lists), so that the keying benchmark can count "typing in full"
 * through the same screen instead of by arithmetic (issue 16). Keyers never need it.
 */
export function keyingAssistOff(): boolean {
  return typeof window !== 'undefined' && new URLSearchParams(window.location.search).get('tro-giup') === 'tat'
}
