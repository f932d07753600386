/**
 * Rocket.Chat's secondsToHHMMSS: hours and minutes floored, seconds *rounded*, so 59.6 s gives "00:00:60";
 * hours are not capped ("123:04:05").
 */
export function secondsToHHMMSS(sec: number): string {
  const hours = Math.floor(sec / 3600);
  const minutes = Math.floor((sec - hours * 3600) / 60);
  const seconds = Math.round(sec - hours * 3600 - minutes * 60);
  const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
}
