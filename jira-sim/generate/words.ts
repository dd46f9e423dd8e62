/** Vocabulary for realistic-looking names. Combined with numbers when a site needs more names than words. */

export const PROJECT_WORDS = [
  'Apollo', 'Atlas', 'Beacon', 'Billing', 'Catalyst', 'Checkout', 'Compass', 'Customer', 'Data', 'Delta',
  'Discovery', 'Echo', 'Falcon', 'Finance', 'Fleet', 'Gateway', 'Growth', 'Harbor', 'Helix', 'Identity',
  'Insights', 'Integrations', 'Kepler', 'Ledger', 'Lighthouse', 'Logistics', 'Mercury', 'Mobile', 'Nimbus',
  'Nova', 'Onboarding', 'Orion', 'Payments', 'Phoenix', 'Platform', 'Pulse', 'Quantum', 'Radar', 'Relay',
  'Sales', 'Search', 'Security', 'Sentinel', 'Shipping', 'Sierra', 'Support', 'Titan', 'Vector', 'Voyager',
  'Web', 'Zenith',
];

export const PROJECT_SUFFIXES = [
  'Platform', 'Portal', 'App', 'Service', 'Ops', 'Core', 'API', 'Migration', 'Roadmap', 'Team', 'Desk', 'Hub',
];

export const FIELD_WORDS = [
  'Story Points', 'Team', 'Customer Impact', 'Root Cause', 'Release Notes', 'Target Date', 'Sprint Goal',
  'Business Value', 'Severity', 'Environment Details', 'Approvers', 'Change Reason', 'Change Risk',
  'Affected Services', 'Region', 'Contract Number', 'Cost Center', 'Escalation Level', 'Go-Live Date',
  'Vendor', 'Acceptance Criteria', 'Product Area', 'Test Plan', 'Deployment Window', 'Security Review',
  'Legal Review', 'Budget', 'Customer Tier', 'SLA Breach Reason', 'Requested By', 'Platform', 'Browser',
  'Operating System', 'Build Number', 'Feature Flag', 'Rollback Plan', 'Incident Commander', 'Start Date',
  'Due Quarter', 'Initiative', 'Theme', 'Risk Score', 'Effort', 'Confidence', 'Reach', 'Rank', 'Flagged',
  'Epic Link', 'Epic Name', 'Parent Link',
];

export const STATUS_WORDS = [
  'Awaiting QA', 'In Review', 'Code Review', 'Ready for Test', 'Testing', 'Blocked', 'On Hold',
  'Waiting for Customer', 'Waiting for Support', 'Escalated', 'Approved', 'Declined', 'Ready to Deploy',
  'Deployed', 'Verified', 'Triage', 'Investigating', 'Planned', 'Scheduled', 'Pending Approval',
  'Under Review', 'Design', 'Refinement', 'Ready for Development', 'Released', 'Cancelled', 'Archived',
];

export const ISSUE_TYPE_WORDS = [
  'Improvement', 'New Feature', 'Spike', 'Incident', 'Problem', 'Change', 'Service Request', 'Risk',
  'Test', 'Test Execution', 'Design Task', 'Research', 'Support Ticket', 'Feedback', 'Idea', 'Request',
  'Defect', 'Enabler', 'Initiative', 'Technical Debt',
];

export const SCREEN_KINDS = [
  'Default Issue Screen', 'Create Issue Screen', 'Edit Issue Screen', 'Resolve Issue Screen',
  'Bug Screen', 'Task Screen', 'Transition Screen', 'Workflow Screen', 'Request Screen', 'View Screen',
];

export const WORKFLOW_KINDS = [
  'Software Simplified Workflow', 'Bug Workflow', 'Task Workflow', 'Service Request Workflow',
  'Incident Workflow', 'Change Workflow', 'Kanban Workflow', 'Scrum Workflow', 'Approval Workflow',
];

export const ROLE_WORDS = [
  'QA Engineers', 'Release Managers', 'Product Owners', 'Scrum Masters', 'Stakeholders', 'Contractors',
  'Auditors', 'Designers', 'Support Agents', 'Security Reviewers', 'Architects', 'Operations',
];

export const FIRST_NAMES = [
  'Ada', 'Ben', 'Chloe', 'Dev', 'Elif', 'Femi', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kira', 'Liam', 'Maya',
  'Noor', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara', 'Uma', 'Victor', 'Wen', 'Yusuf', 'Zoe',
];

export const LAST_NAMES = [
  'Alvarez', 'Brennan', 'Chen', 'Dubois', 'Eriksen', 'Fischer', 'Gupta', 'Haddad', 'Ivanova', 'Jansen',
  'Kowalski', 'Larsen', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quispe', 'Rossi', 'Schmidt', 'Tanaka',
];

export const GROUP_WORDS = [
  'engineering', 'support', 'finance', 'marketing', 'design', 'security', 'operations', 'sales', 'legal', 'qa',
];

/** `words[i]`, then `words[i] 2`, `words[i] 3` ... once the list is exhausted; unique for every i. */
export function nthName(words: readonly string[], index: number): string {
  const base = words[index % words.length] as string;
  const round = Math.floor(index / words.length);
  return round === 0 ? base : `${base} ${round + 1}`;
}
