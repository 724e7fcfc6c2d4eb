import { CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Scatter, XAxis, YAxis } from 'recharts';
import type { GoalProgressEntry } from '@shared/goals/book';
import { gboMax, gboMin } from '@shared/goals/gbo';

const blue = '#1d70b8';
const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'Europe/London' });

/**
 * A goal's agreed rating at each meeting as a solid line on a time axis, with the owner's
 * provisional check-in ratings as hollow markers: the agreed ratings are the formal points. Guide
 * lines at 0, 5 and 10 (no progress, half way, fully reached) and a dashed line where a change
 * counts as meaningful. The chart is a picture; the tables beside it carry the same figures for
 * screen readers, so the chart itself is hidden from them.
 */
export default function GoalChart({ entry, meaningfulChange }: { entry: GoalProgressEntry; meaningfulChange: number }) {
  const agreed = entry.series.map((s) => ({ t: Date.parse(s.meetingDate), rating: s.rating }));
  const provisional = entry.checkIns.filter((c) => c.rating !== null).map((c) => ({ t: Date.parse(c.at), provisional: c.rating }));
  const baseline = entry.progress.baseline;
  const meaningfulAt = baseline === null ? null : baseline + meaningfulChange;
  const times = [...agreed, ...provisional].map((p) => p.t);
  const day = 86_400_000;
  const domain = times.length ? [Math.min(...times) - 7 * day, Math.max(...times) + 7 * day] : [0, 1];
  return (
    <div className="app-goal-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart margin={{ top: 16, right: 24, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#b1b4b6" strokeDasharray="2 4" vertical={false} horizontal={false} />
          <XAxis type="number" dataKey="t" domain={domain} scale="time" tickFormatter={(t: number) => shortDate.format(new Date(t))} tick={{ fill: '#0b0c0c', fontSize: 14 }} tickLine={false} />
          <YAxis type="number" domain={[gboMin, gboMax]} ticks={[0, 5, 10]} tick={{ fill: '#0b0c0c', fontSize: 16 }} width={32} />
          {[0, 5, 10].map((y) => (
            <ReferenceLine key={y} y={y} stroke="#b1b4b6" />
          ))}
          {meaningfulAt !== null && meaningfulAt <= gboMax && (
            <ReferenceLine y={meaningfulAt} stroke="#505a5f" strokeDasharray="6 4" label={{ value: 'Meaningful progress', position: 'insideTopLeft', fill: '#505a5f', fontSize: 14 }} />
          )}
          <Line data={agreed} type="linear" dataKey="rating" stroke={blue} strokeWidth={3} dot={{ r: 5, fill: blue }} isAnimationActive={false} name="Agreed at a meeting" />
          <Scatter data={provisional} dataKey="provisional" fill="#ffffff" stroke={blue} strokeWidth={2} isAnimationActive={false} name="Check-in (provisional)" />
        </ComposedChart>
      </ResponsiveContainer>
      <p className="govuk-body-s app-goal-chart__key">
        <span className="app-goal-chart__agreed" /> Agreed at a meeting <span className="app-goal-chart__provisional" /> Check-in (provisional)
      </p>
    </div>
  );
}
