/**
 * Relative traffic (0..1) for a local weekday (0 = Sunday) and hour: a weekday 9-18 peak with a lunch dip,
 * quiet nights and much quieter weekends, like a typical B2C support desk.
 */
export function businessFactor(weekday: number, hour: number): number {
  let f: number;
  if (hour < 7) f = 0.04;
  else if (hour < 8) f = 0.15;
  else if (hour < 9) f = 0.45;
  else if (hour < 12) f = 1;
  else if (hour < 13) f = 0.6;
  else if (hour < 17) f = 0.95;
  else if (hour < 18) f = 0.8;
  else if (hour < 20) f = 0.35;
  else if (hour < 22) f = 0.15;
  else f = 0.07;
  return weekday === 0 || weekday === 6 ? f * 0.2 : f;
}
