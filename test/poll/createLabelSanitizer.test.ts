import { strict as assert } from 'node:assert';
import { createRedactor } from '../../src/log/createRedactor';
import { dataGauge } from '../../src/metrics/MetricDef';
import { createLabelSanitizer } from '../../src/poll/createLabelSanitizer';

const tagChats = dataGauge('test_tag_chats', 'Chats by tag (test).', ['target', 'tag'], 'test');

describe('createLabelSanitizer', () => {
  it('returns the same objects when nothing needs masking or cutting', () => {
    const s = createLabelSanitizer(createRedactor(['s3cr3t-value']));
    const labels = { tag: 'sales' };
    assert.equal(s.labels(labels), labels);
    const samples = [{ metric: tagChats, labels, value: 1 }];
    assert.equal(s.samples(samples, assert.fail)[0], samples[0]);
  });

  it('drops a sample whose labels collide with another once masked, and says so', () => {
    const s = createLabelSanitizer(createRedactor(['tok-1111', 'Basic dG9rLTExMTE=']));
    const problems: string[] = [];
    const out = s.samples(
      [
        { metric: tagChats, labels: { tag: 'tok-1111' }, value: 1 },
        { metric: tagChats, labels: { tag: 'Basic dG9rLTExMTE=' }, value: 2 },
        { metric: tagChats, labels: { tag: 'x'.repeat(2000) }, value: 3 },
      ],
      (m) => problems.push(m),
    );
    assert.deepEqual(
      out.map((x) => [x.labels.tag!.slice(0, 12), x.value]),
      [
        ['<redacted>', 1],
        ['xxxxxxxxxxxx', 3],
      ],
    );
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /same labels once masked or cut; the second was dropped/);
    assert.equal(s.truncated(), 1);
  });
});
