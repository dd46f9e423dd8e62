import type { Site } from '../site/site';
import type { Json, JsonObject } from '../types';

/*
 * API views of automation rules (jira-sim/README.md, "Automation REST API"): GET /rest/v1/rule/summary
 * lists RuleSummary items; GET /rest/v1/rule/{ruleUuid} answers { rule, connections }. The sim stores a
 * rule with `id` (its UUID) and its scope as project ids; both views render the scope as ARIs.
 */

/** `ari:cloud:jira:{cloudId}:project/{id}` per project; a rule without projects applies to the whole site. */
function scopeAris(site: Site, rule: JsonObject): string[] {
  const projectIds = Array.isArray(rule['scopeProjectIds']) ? rule['scopeProjectIds'].map(String) : [];
  if (projectIds.length === 0) return [`ari:cloud:jira::site/${site.cloudId}`];
  return projectIds.map((id) => `ari:cloud:jira:${site.cloudId}:project/${id}`);
}

function actorAccountId(rule: JsonObject): Json {
  const actor = rule['actor'];
  return typeof actor === 'object' && actor !== null && !Array.isArray(actor) ? (actor['actor'] ?? null) : null;
}

export function ruleSummaryView(site: Site, rule: JsonObject): JsonObject {
  return {
    uuid: rule['uuid'] as Json,
    name: rule['name'] as Json,
    state: rule['state'] as Json,
    description: rule['description'] as Json,
    authorAccountId: rule['authorAccountId'] as Json,
    actorAccountId: actorAccountId(rule),
    created: rule['created'] as Json,
    updated: rule['updated'] as Json,
    labels: rule['labels'] as Json,
    ruleScopeARIs: scopeAris(site, rule),
  };
}

export function ruleView(site: Site, stored: JsonObject): JsonObject {
  const { id: _id, scopeProjectIds: _projects, connections, ...rule } = stored;
  return { rule: { ...rule, ruleScopeARIs: scopeAris(site, stored) }, connections: connections ?? [] };
}
