import type { Conversation } from '../../world/types';
import { dict, nonZero } from './reportFields';
import type { ReportScope, ReportTable } from './ReportScope';

const FORM_ID = '163654772984908812';
const FIELD_ID = '163654772984903574';

/** Good and bad ratings of finished chats, per key (agent email, group id, or one key for all). */
function ratingsBy<K>(
  scope: ReportScope,
  keyOf: (c: Conversation) => K | undefined,
): Map<K, { good: number; bad: number }> {
  const now = scope.world.now();
  const per = new Map<K, { good: number; bad: number }>();
  scope.eachChat((c) => {
    if (c.rating === null || c.closedAt > now) return;
    const key = keyOf(c);
    if (key === undefined) return;
    const a = per.get(key) ?? { good: 0, bad: 0 };
    a[c.rating]++;
    per.set(key, a);
  });
  return per;
}

/**
 * Wilson lower bound of the smoothed good ratio over `good` and `bad` ratings: a plausible stand-in for LiveChat's
 * ranking score.
 */
function rankingScore(good: number, bad: number): number {
  const n = good + bad;
  const p = (good + 1) / (n + 2);
  const z = 1.96;
  const m = n + 2;
  return (p + (z * z) / (2 * m) - z * Math.sqrt((p * (1 - p)) / m + (z * z) / (4 * m * m))) / (1 + (z * z) / m);
}

/** One post-chat form per group, with the rating question's answers. */
function formRecord(groupId: number, a: { good: number; bad: number }): Record<string, unknown> {
  return {
    form_id: `${FORM_ID.slice(0, -3)}${String(groupId).padStart(3, '0')}`,
    count: a.good + a.bad,
    group_id: groupId,
    fields: [
      {
        field_id: FIELD_ID,
        label: 'How would you rate this chat?',
        answers: [
          { answer_id: 0, label: 'Good', count: a.good },
          { answer_id: 1, label: 'Bad', count: a.bad },
        ],
      },
    ],
  };
}

/** Reports built from the customers' ratings: the agents' ranking, the surveys (v3.4) and the forms (v3.5+). */
export const ratingReports = {
  'chats/ranking'(scope) {
    const per = ratingsBy(scope, (c) => c.agent?.email);
    const records = dict<unknown>();
    const ranked = [...per]
      .map(([email, a]) => ({
        email,
        total: a.good + a.bad,
        good: a.good,
        bad: a.bad,
        score: rankingScore(a.good, a.bad),
      }))
      .sort((x, y) => y.score - x.score);
    for (const r of ranked) records[r.email] = { total: r.total, good: r.good, bad: r.bad, score: r.score };
    return { name: 'ranking-report', records };
  },

  'chats/surveys'(scope) {
    const { good, bad } = ratingsBy(scope, () => 'all').get('all') ?? { good: 0, bad: 0 };
    const records =
      good + bad === 0 ? {} : { 0: { [FORM_ID]: { [FIELD_ID]: nonZero({ 0: good, 1: bad }), count: good + bad } } };
    return { name: 'surveys-report', records };
  },

  'chats/forms'(scope) {
    const per = ratingsBy(scope, (c) => c.groupId);
    const records = [...per].sort((x, y) => x[0] - y[0]).map(([groupId, a]) => formRecord(groupId, a));
    return { name: 'form-report', records };
  },
} satisfies ReportTable;
