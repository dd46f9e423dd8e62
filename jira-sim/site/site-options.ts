/**
 * What a site is licensed for. Jira Software brings the agile API (/rest/agile/1.0); Jira Work
 * Management ("jira-core") is always there on a Jira site; "automation" is Automation for Jira, whose
 * REST API (/automation/public/jira/{cloudId}/rest/v1) answers 404 on a site without it. The plan
 * decides some features: issue security needs Standard or Premium.
 */
export const PRODUCTS = ['jira-software', 'jira-core', 'automation'] as const;
export type Product = (typeof PRODUCTS)[number];

export const PLANS = ['free', 'standard', 'premium'] as const;
export type Plan = (typeof PLANS)[number];

export const DEFAULT_PRODUCTS: readonly Product[] = ['jira-software', 'jira-core', 'automation'];
export const DEFAULT_PLAN: Plan = 'standard';
