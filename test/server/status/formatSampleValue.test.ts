import { strict as assert } from 'node:assert';
import { formatSampleValue, shortMetricName } from '../../../src/server/status/formatSampleValue';

describe('formatSampleValue', () => {
  it('reads a value by the base unit its name ends in', () => {
    assert.equal(formatSampleValue('livechat_exporter_x_duration_avg_seconds', 0.25), '250 ms');
    assert.equal(formatSampleValue('livechat_exporter_x_duration_avg_seconds', 4.56), '4.6 s');
    assert.equal(formatSampleValue('livechat_exporter_x_duration_avg_seconds', 817), '13m 37s');
    assert.equal(formatSampleValue('livechat_exporter_x_abandoned_ratio', 0.1234), '12.3 %');
    assert.equal(
      formatSampleValue('livechat_exporter_livechat_api_sunset_timestamp_seconds', 1680220800),
      '2023-03-31T00:00:00Z',
    );
    assert.equal(formatSampleValue('livechat_exporter_x_chats', 42), '42');
    assert.equal(formatSampleValue('livechat_exporter_x_chats', 1 / 3), '0.333');
    assert.equal(formatSampleValue('livechat_exporter_x_seconds', Number.NaN), 'NaN');
  });

  it("shortens a metric's name by the prefix and the target's kind", () => {
    assert.equal(
      shortMetricName('livechat_exporter_rocketchat_open_conversations', 'rocketchat'),
      'open_conversations',
    );
    assert.equal(
      shortMetricName('livechat_exporter_rocketchat_open_conversations', 'livechat'),
      'rocketchat_open_conversations',
    );
    assert.equal(shortMetricName('other_metric', 'rocketchat'), 'other_metric');
  });
});
