// What a reply to an SMS asks for: to stop (STOP and the words carriers treat alike, in English and
// French: ARRET, ARRÊT; "STOP 36180" as French short codes have it), to start again (START,
// UNSTOP), or nothing (any other text).
const STOP = new Set([
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'ARRET',
  'ARRÊT',
  'STOP SMS',
]);
const START = new Set(['START', 'UNSTOP', 'YES']);

export function optOutKeyword(body: string): 'stop' | 'start' | null {
  const word = body
    .trim()
    .toUpperCase()
    .replace(/[.!]+$/, '')
    .replace(/\s+\d+$/, '');
  if (STOP.has(word)) return 'stop';
  if (START.has(word)) return 'start';
  return null;
}
