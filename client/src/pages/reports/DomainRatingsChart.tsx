import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { MeetingReport } from '@shared/reports/meeting-report';

/**
 * The agreed rating of each domain (and, for a review, the previous meeting's beside it) as bars.
 * A picture for the shared screen; the table on the page carries the same figures for screen
 * readers, so the chart is hidden from them.
 */
export default function DomainRatingsChart({ report }: { report: MeetingReport }) {
  const review = report.domains.some((d) => d.previousRating !== null);
  const data = report.domains.map((d) => ({ domain: String(d.id), agreed: d.agreed?.rating ?? 0, previous: d.previousRating ?? 0 }));
  return (
    <div className="app-report-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#b1b4b6" strokeDasharray="2 4" vertical={false} />
          <XAxis dataKey="domain" tick={{ fill: '#0b0c0c', fontSize: 16 }} />
          <YAxis domain={[0, 5]} ticks={[1, 2, 3, 4, 5]} tick={{ fill: '#0b0c0c', fontSize: 16 }} width={28} />
          {review && <Bar dataKey="previous" name={`At the ${report.review?.comparedWith?.toLowerCase() ?? 'previous meeting'}`} fill="#b1b4b6" isAnimationActive={false} />}
          <Bar dataKey="agreed" name={review ? 'Now' : 'Agreed rating'} fill="#1d70b8" isAnimationActive={false} />
          <Legend />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
