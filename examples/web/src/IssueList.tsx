import type { Issue } from 'covage-orders';

/** Issues with their path and severity (errors stop the confirmation, warnings do not). */
export function IssueList({ issues, testId }: { issues: readonly Issue[]; testId: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="issues" data-testid={testId}>
      {issues.map((issue) => (
        <li key={`${issue.path}:${issue.code}`} className={issue.severity} data-code={issue.code}>
          {issue.path}: {issue.message}
        </li>
      ))}
    </ul>
  );
}
