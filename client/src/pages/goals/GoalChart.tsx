import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { GoalProgressEntry } from '@shared/goals/book';
import { gboMax, gboMin } from '@shared/goals/gbo';
import { meetingKindLabels } from '@shared/meetings/meeting';

const shortLabels = { consultation: 'Baseline', 'review-3m': '3 months', 'review-6m': '6 months', 'review-extra': 'Extra review', 'tailored-support': '' } as const;

/**
 * A goal's rating at each meeting as a line, with a dashed line where a change counts as
 * meaningful. The chart is a picture for the shared screen; the table beside it carries the
 * same figures for screen readers, so the chart itself is hidden from them.
 */
export default function GoalChart({ entry, meaningfulChange }: { entry: GoalProgressEntry; meaningfulChange: number }) {
  const data = entry.series.map((s) => ({ label: shortLabels[s.meetingKind] || meetingKindLabels[s.meetingKind], rating: s.rating }));
  const baseline = entry.progress.baseline;
  const meaningfulAt = baseline === null ? null : baseline + meaningfulChange;
  return (
    <div className="app-goal-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 16, right: 24, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#b1b4b6" strokeDasharray="2 4" vertical={false} />
          <XAxis dataKey="label" tick={{ fill: '#0b0c0c', fontSize: 16 }} tickLine={false} />
          <YAxis domain={[gboMin, gboMax]} ticks={[0, 2, 4, 6, 8, 10]} tick={{ fill: '#0b0c0c', fontSize: 16 }} width={32} />
          {meaningfulAt !== null && meaningfulAt <= gboMax && (
            <ReferenceLine y={meaningfulAt} stroke="#505a5f" strokeDasharray="6 4" label={{ value: 'Meaningful progress', position: 'insideTopLeft', fill: '#505a5f', fontSize: 14 }} />
          )}
          <Line type="linear" dataKey="rating" stroke="#1d70b8" strokeWidth={3} dot={{ r: 5, fill: '#1d70b8' }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
