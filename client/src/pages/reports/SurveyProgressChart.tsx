import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { DashboardRow } from '@shared/reports/dashboard';

/** Surveys completed per site against the threshold; the table carries the same figures. */
export default function SurveyProgressChart({ rows }: { rows: DashboardRow[] }) {
  const data = rows.map((r) => ({ site: r.siteName, completed: r.survey?.completed ?? 0 }));
  const threshold = Math.max(10, ...rows.map((r) => r.survey?.threshold ?? 0));
  return (
    <div className="app-report-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={Math.max(120, 48 * rows.length + 40)}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#b1b4b6" strokeDasharray="2 4" horizontal={false} />
          <XAxis type="number" allowDecimals={false} domain={[0, Math.max(threshold, ...data.map((d) => d.completed))]} tick={{ fill: '#0b0c0c', fontSize: 16 }} />
          <YAxis type="category" dataKey="site" width={160} tick={{ fill: '#0b0c0c', fontSize: 16 }} />
          <ReferenceLine x={threshold} stroke="#505a5f" strokeDasharray="6 4" label={{ value: `Results shown from ${threshold}`, position: 'top', fill: '#505a5f', fontSize: 14 }} />
          <Bar dataKey="completed" fill="#1d70b8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
