// What a snapshot captures, type by type: where it is read, with which scopes, how objects are keyed
// and what is normalised away before hashing. From the catalogue and the read plans themselves, so
// `jira-drift coverage` and the README's table cannot drift from the code.
import { CONFIG_CATALOGUE, CONFIG_TYPES, PARENT_TYPE, SCOPE_PROJECT_COPIES, type ConfigType } from '../domain/config-catalogue';
import { AUTOMATION_TOKEN_NEEDED, CONFIG_RESOURCES } from '../jira-cloud';
import { AUDIT_MATCH_RULES, type AuditRuleEvidence } from '../domain/catalogue/audit-match-rules';

export interface TypeCoverage {
  type: ConfigType;
  /** Read once per object of this type in the same snapshot (a field's contexts). */
  parentType: ConfigType | null;
  endpoints: string[];
  /** OAuth scopes of the grant (empty for a type read with another credential). */
  scopes: string[];
  /** What authenticates the reads: the tenant's OAuth grant, or its automation API token. */
  credential: 'oauth-grant' | 'automation-api-token';
  keyPattern: string;
  normalised: {
    /** Dropped wherever they appear. */
    volatileKeys: string[];
    /** Dropped at these paths. */
    droppedPaths: string[];
    /** Sorted (sets in Jira's model); every other array keeps Jira's order. */
    unorderedArrays: string[];
    /** Links to Jira's own REST resources, reduced to the site-relative path. */
    siteLinks: string[];
  };
  /**
   * How a change is attributed to Jira's audit log: the record typeNames that name the type's objects
   * and where that naming is known from (null: Jira does not audit the type; its drift stays unattributed).
   */
  attribution: { auditTypeNames: string[]; evidence: AuditRuleEvidence } | null;
}

const EVIDENCE_ORDER: readonly AuditRuleEvidence[] = ['unverified', 'cloud-sample', 'jira-source'];

function attributionOf(type: ConfigType): TypeCoverage['attribution'] {
  const rules = AUDIT_MATCH_RULES[type];
  if (!rules || rules.length === 0) return null;
  // The weakest evidence among the type's rules is what a reader may rely on.
  const evidence = EVIDENCE_ORDER.find((e) => rules.some((r) => r.evidence === e))!;
  return { auditTypeNames: [...new Set(rules.flatMap((r) => r.typeNames))], evidence };
}

function keyPattern(type: ConfigType): string {
  let id = CONFIG_CATALOGUE[type].idPattern ?? '{id}';
  for (let parent = PARENT_TYPE[type]; parent; parent = PARENT_TYPE[parent]) id = `{${parent} id}:${id}`;
  return `${type}/${id}`;
}

export function describeCoverage(): TypeCoverage[] {
  return CONFIG_TYPES.map((type) => {
    const { rules } = CONFIG_CATALOGUE[type];
    const plan = CONFIG_RESOURCES[type];
    return {
      type,
      parentType: PARENT_TYPE[type] ?? null,
      endpoints: [...plan.endpoints],
      scopes: [...plan.scopes],
      credential: plan.credential ?? 'oauth-grant',
      keyPattern: keyPattern(type),
      normalised: {
        volatileKeys: [...rules.volatileKeys],
        // The copies of a scope's project that every type drops are said once, in the README's text.
        droppedPaths: rules.droppedPaths.filter((p) => !SCOPE_PROJECT_COPIES.includes(p)),
        unorderedArrays: rules.unorderedArrays.map((u) => (u.sortBy.length > 0 ? `${u.path} (by ${u.sortBy.join(', ')})` : u.path)),
        siteLinks: [...rules.siteLinkPaths],
      },
      attribution: attributionOf(type),
    };
  });
}

/** The README's coverage table (Markdown), one row per type. */
export function coverageTable(types: TypeCoverage[] = describeCoverage()): string {
  const rows = types.map((t) =>
    [
      `\`${t.type}\``,
      t.endpoints.map((e) => `\`${e.replace('/rest/api/3', '')}\``).join('<br>'),
      `\`${t.keyPattern}\``,
      t.credential === 'automation-api-token'
        ? 'none: an API token (`jira-drift tenant automation-token set`)'
        : t.scopes.map((s) => `\`${s}\``).join(' ') || '(classic scope only)',
      [...t.normalised.droppedPaths, ...t.normalised.unorderedArrays.map((u) => `sorted: ${u}`)].join('; ') || '—',
      t.attribution ? `${t.attribution.auditTypeNames.map((n) => `\`${n}\``).join(' ')} (${t.attribution.evidence})` : 'not audited',
    ].join(' | '),
  );
  return [
    '| type | read from | key | granular scopes | normalised (besides self, expand, avatar/icon URLs) | audit log names it as |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

/** A type a tenant cannot read as installed: the granular scopes its grant lacks, or what else it needs. */
export interface UnreadableType {
  type: ConfigType;
  missingScopes: string[];
  /** Set for a type read with another credential than the grant, when the tenant has none stored. */
  needs?: string;
}

/**
 * The types a tenant cannot read: for want of a granular scope jira-drift asks for (what a site admin can
 * fix by consenting again), or of the automation API token (what the operator fixes with `jira-drift
 * tenant automation-token set`). Jira also accepts a type's classic scope, which jira-drift never asks
 * for; a type whose operations name no granular scope at all, `priority` today, shows "(classic scope
 * only)" in `jira-drift coverage` instead.
 */
export function unreadableTypes(grantedScopes: readonly string[], stored: { automationToken: boolean }): UnreadableType[] {
  const granted = new Set(grantedScopes);
  return CONFIG_TYPES.flatMap((type): UnreadableType[] => {
    const { scopes, credential } = CONFIG_RESOURCES[type];
    if (credential === 'automation-api-token') return stored.automationToken ? [] : [{ type, missingScopes: [], needs: AUTOMATION_TOKEN_NEEDED }];
    const missingScopes = scopes.filter((s) => !granted.has(s));
    return missingScopes.length > 0 ? [{ type, missingScopes }] : [];
  });
}
