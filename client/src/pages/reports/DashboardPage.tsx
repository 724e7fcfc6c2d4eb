import { lazy, Suspense, useMemo, useState } from 'react';
import { completedWords } from '@shared/survey/count';
import { Link } from 'react-router';
import { createColumnHelper, flexRender, getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import { siteStages, type DashboardRow } from '@shared/reports/dashboard';
import { dashboardCsvUrl, useDashboard } from '../../api/reports';
import { Loading, ProblemPage } from '../../components/Layout';
import { NextDeadline } from '../../components/Deadline';

const SurveyProgressChart = lazy(() => import('./SurveyProgressChart'));
const column = createColumnHelper<DashboardRow>();

const columns = [
  column.accessor('siteName', { header: 'Site', cell: (c) => <Link className="govuk-link" to={`/sites/${c.row.original.siteId}`}>{c.getValue()}</Link> }),
  column.accessor('stage', { header: 'Stage', filterFn: 'equals' }),
  column.accessor((r) => r.nextDeadline?.by ?? '9999', {
    id: 'nextDeadline',
    header: 'Next deadline',
    cell: (c) => <NextDeadline deadline={c.row.original.nextDeadline} />,
  }),
  column.accessor((r) => r.survey?.completed ?? -1, {
    id: 'survey',
    header: 'Surveys completed',
    cell: (c) => (c.row.original.survey ? `${completedWords(c.row.original.survey)} of ${c.row.original.survey.threshold}` : 'No survey'),
  }),
  column.accessor('consultationHeld', { header: 'Consultation held', cell: (c) => (c.getValue() ? 'Yes' : 'No') }),
  column.accessor((r) => r.goalsMeanChange ?? -99, {
    id: 'goals',
    header: 'Goals: mean change',
    cell: (c) => (c.row.original.goalsMeanChange === null ? 'Not yet re-rated' : c.row.original.goalsMeanChange > 0 ? `+${c.row.original.goalsMeanChange}` : c.row.original.goalsMeanChange),
  }),
  column.accessor('feedbackSatisfaction', { header: 'Feedback satisfaction', enableSorting: false, cell: (c) => (c.getValue() === null ? 'Too few answers yet' : `${c.getValue()} out of 5`) }),
];

/** Every site a facilitator runs, at a glance: sortable, filterable by stage, and as CSV. */
export function DashboardPage() {
  const dashboard = useDashboard();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [stage, setStage] = useState('');
  const columnFilters = useMemo(() => (stage ? [{ id: 'stage', value: stage }] : []), [stage]);
  const table = useReactTable({
    data: dashboard.data ?? [],
    columns,
    state: { sorting, columnFilters },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
  });
  if (dashboard.isError) return <ProblemPage title="The dashboard is for facilitators" message={dashboard.error.message} />;
  if (!dashboard.data) return <Loading />;
  const rows = table.getRowModel().rows;

  return (
    <>
      <h1 className="govuk-heading-l">Programme dashboard</h1>
      <p className="govuk-body">Every site you facilitate. Select a column heading to sort by it.</p>
      <div className="govuk-form-group app-no-print">
        <label className="govuk-label" htmlFor="stage-filter">
          Show sites at stage
        </label>
        <select className="govuk-select" id="stage-filter" value={stage} onChange={(e) => setStage(e.target.value)}>
          <option value="">All stages</option>
          {siteStages.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <table className="govuk-table app-dashboard">
        <caption className="govuk-table__caption govuk-table__caption--m">
          {rows.length} {rows.length === 1 ? 'site' : 'sites'}
        </caption>
        <thead className="govuk-table__head">
          {table.getHeaderGroups().map((group) => (
            <tr className="govuk-table__row" key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    scope="col"
                    className="govuk-table__header"
                    key={header.id}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : header.column.getCanSort() ? 'none' : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <button type="button" className="app-sort-button" onClick={header.column.getToggleSortingHandler()}>
                        {flexRender(header.column.columnDef.header, header.getContext())}
                      </button>
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr className="govuk-table__row" key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <td className="govuk-table__cell" key={cell.id}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="govuk-body app-no-print">
        <a className="govuk-link" href={dashboardCsvUrl} download>
          Download these figures (CSV)
        </a>
      </p>
      <h2 className="govuk-heading-m">Surveys completed</h2>
      {rows.some((r) => r.original.survey) ? (
        <Suspense fallback={<div className="app-report-chart" />}>
          <SurveyProgressChart rows={rows.map((r) => r.original)} />
        </Suspense>
      ) : (
        <p className="govuk-body">None of these sites has opened its survey of schools and colleges yet.</p>
      )}
    </>
  );
}
