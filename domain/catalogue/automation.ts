// The automation group: Jira automation rules, read through Atlassian's Automation REST API (rule
// summaries, then each rule by UUID; jira-sim/README.md lists the facts and their sources). Pure data,
// like the catalogue; the secrets a rule holds are replaced by keyed hashes (automation-secrets.ts).
import { memberId, rules, unordered, type ConfigTypeSpec } from '../catalogue-kit';
import { redactRuleSecrets } from './automation-secrets';

export const AUTOMATION_GROUP_TYPES = ['automationrule'] as const;

export type AutomationGroupType = (typeof AUTOMATION_GROUP_TYPES)[number];

/**
 * Components nest: a branch or condition block holds `children` and `conditions`, which hold their own.
 * Ids are normalised this many levels deep; deeper components keep theirs (rules that deep are rare).
 */
const COMPONENT_DEPTH = 3;

/** `components`, `components.*.children`, `components.*.conditions`, … down to COMPONENT_DEPTH levels. */
function componentLists(): string[] {
  const lists: string[] = [];
  let level = ['components', 'trigger.conditions'];
  for (let depth = 0; depth < COMPONENT_DEPTH; depth++) {
    lists.push(...level);
    level = level.flatMap((list) => [`${list}.*.children`, `${list}.*.conditions`]);
  }
  return lists;
}

const AUTOMATION_RULE_RULES = rules({
  // Rule editor bookkeeping on every component (names no other part of a rule uses): the parent links
  // repeat the nesting, `optimisedIds` and `newComponent` are the editor's.
  volatileKeys: ['parentId', 'conditionParentId', 'optimisedIds', 'newComponent'],
  droppedPaths: [
    // Timestamps: `updated` moves on every save, the content change itself is what drift reports.
    'created',
    'updated',
    // Component ids are assigned by the rule editor on save (an imported rule gets new ones, exports
    // show `__NEW__COMPONENT__…` placeholders): a component's place in the tree is its identity.
    'trigger.id',
    ...componentLists().map((list) => `${list}.*.id`),
  ],
  unorderedArrays: [
    // Sets: the rule's labels, the projects (ARIs) it applies to, its collaborators and the connections
    // its actions use. `components` and every `children`/`conditions` list keep their order: it is
    // the order the rule runs them in.
    unordered('labels'),
    unordered('ruleScopeARIs'),
    unordered('ruleScope.resources'),
    unordered('collaborators'),
    unordered('connections', 'id'),
  ],
});

/**
 * A rule as GET /rest/v1/rule/{ruleUuid} returns it (its `rule` member, with the response's
 * `connections` beside the rule's own members; the read plan does that), keyed by its UUID.
 * The owner (`authorAccountId`) and the actor the rule runs as (`actor`) stay: both are set in the
 * rule's details and change what it may do and who hears of its errors.
 */
export const AUTOMATION_GROUP_SPECS: { readonly [T in AutomationGroupType]: ConfigTypeSpec } = {
  automationrule: {
    stableId: memberId('automationrule', 'uuid'),
    rules: AUTOMATION_RULE_RULES,
    idPattern: '{uuid}',
    redactSecrets: redactRuleSecrets,
  },
};
