/**
 * What a site is licensed for. Jira Software brings the agile API (/rest/agile/1.0); Jira Work
 * Management ("jira-core") is always there on a Jira site. The plan decides some features: issue
 * security needs Standard or Premium.
 */
export const PRODUCTS = ['jira-software', 'jira-core'] as const;
export type Product = (typeof PRODUCTS)[number];

export const PLANS = ['free', 'standard', 'premium'] as const;
export type Plan = (typeof PLANS)[number];

export const DEFAULT_PRODUCTS: readonly Product[] = ['jira-software', 'jira-core'];
export const DEFAULT_PLAN: Plan = 'standard';
