import { PREFIX } from '../../metrics/MetricDef';
import { formatMillis } from './format';

/**
 * A series value as people read it, by the unit its name ends in (the metric naming rules
 * guarantee base units): `_timestamp_seconds` as a UTC date and time, `_seconds` as a
 * duration ("12.3 s", "4m 10s"), `_ratio` as a percentage, anything else as a number.
 * The exact value stays on /metrics.
 */
export function formatSampleValue(name: string, value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (name.endsWith('_timestamp_seconds')) return new Date(value * 1000).toISOString().replace('.000Z', 'Z');
  if (name.endsWith('_seconds')) return formatMillis(value * 1000);
  if (name.endsWith('_ratio')) return `${(value * 100).toFixed(1)} %`;
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
}

/**
 * A metric's name without what the row already says: the `livechat_exporter_` prefix and the
 * kind (`livechat_exporter_rocketchat_open_conversations` reads `open_conversations` on a
 * Rocket.Chat target).
 */
export function shortMetricName(name: string, kind: string): string {
  const bare = name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name;
  return bare.startsWith(`${kind}_`) ? bare.slice(kind.length + 1) : bare;
}
